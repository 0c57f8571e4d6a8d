using Masthead.Web.Media;

namespace Masthead.Web.AdminApi;

public static class ProblemResults
{
    /// <summary>An RFC 9457 problem with the machine-readable <c>code</c> next to the human title and detail.</summary>
    public static IResult From(MediaProblem problem) => Results.Problem(
        title: problem.Title, detail: problem.Detail, statusCode: problem.Status,
        extensions: new Dictionary<string, object?> { ["code"] = problem.Code });
}
