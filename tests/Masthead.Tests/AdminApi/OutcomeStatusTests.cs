using Masthead.Core.Common;
using Masthead.Web.AdminApi;
using Masthead.Web.Newsroom;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Masthead.Tests.AdminApi;

/// <summary>Every refusal a use case can give has a status for the API and for a newsroom form; none falls through.</summary>
public class OutcomeStatusTests
{
    public static TheoryData<Outcome, int, int> Refusals => new()
    {
        { Outcome.NotFound, 404, 404 },
        { Outcome.Forbidden, 403, 403 },
        { Outcome.Stale, 412, 409 },
        { Outcome.Conflict, 409, 409 },
        { Outcome.TooLarge, 413, 400 },
        { Outcome.UnsupportedType, 415, 400 },
        { Outcome.Unprocessable, 422, 400 },
    };

    [Fact]
    public void EveryOutcome_ButSuccessAndFieldErrors_IsListedHere()
    {
        var listed = Refusals.Select(row => (Outcome)row[0]).ToHashSet();
        var refusals = Enum.GetValues<Outcome>().Except([Outcome.Ok, Outcome.Created, Outcome.Invalid]);
        Assert.Equal(refusals.Order(), listed.Order());
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public void ARefusal_IsAProblemWithItsStatus_AndANewsroomFormAnswersWithItsOwn(Outcome outcome, int api, int form)
    {
        var problem = Assert.IsType<ProblemHttpResult>(ApiResults.Problem(new Result<string>(outcome, Message: "What happened.")));
        Assert.Equal(api, problem.StatusCode);
        Assert.Equal("What happened.", problem.ProblemDetails.Detail);
        Assert.False(string.IsNullOrEmpty(problem.ProblemDetails.Title));
        Assert.DoesNotContain("code", problem.ProblemDetails.Extensions.Keys);
        Assert.Equal(form, FormStatus.For(outcome));
    }

    [Fact]
    public void ARefusalsCodeAndTitle_GoIntoTheProblem()
    {
        var result = Result<string>.Refused(Outcome.Unprocessable, "too-narrow", "The picture is too small", "\"a.jpg\" is 150 pixels wide.");
        var problem = Assert.IsType<ProblemHttpResult>(ApiResults.Problem(result));
        Assert.Equal(StatusCodes.Status422UnprocessableEntity, problem.StatusCode);
        Assert.Equal("The picture is too small", problem.ProblemDetails.Title);
        Assert.Equal("\"a.jpg\" is 150 pixels wide.", problem.ProblemDetails.Detail);
        Assert.Equal("too-narrow", problem.ProblemDetails.Extensions["code"]);
    }

    [Fact]
    public void FieldErrors_AreAValidationProblem_AndABadRequestOnAForm()
    {
        var problem = Assert.IsType<ProblemHttpResult>(ApiResults.Problem(Result<string>.Invalid("alt", "Too long.")));
        Assert.Equal(StatusCodes.Status400BadRequest, problem.StatusCode);
        Assert.Equal(["Too long."], Assert.IsType<HttpValidationProblemDetails>(problem.ProblemDetails).Errors["alt"]);
        Assert.Equal(StatusCodes.Status400BadRequest, FormStatus.For(Outcome.Invalid));
    }
}
