using Masthead.Core.Common;

namespace Masthead.Core.Tests.Common;

public class ResultTests
{
    [Fact]
    public void Refused_CarriesItsOutcome_Code_Title_AndMessage_AndNoValue()
    {
        var result = Result<string>.Refused(Outcome.TooLarge, "file-too-large", "The file is too large", "\"a.jpg\" is 2 MB; the limit is 1 MB.");
        Assert.Equal(Outcome.TooLarge, result.Outcome);
        Assert.Equal("file-too-large", result.Code);
        Assert.Equal("The file is too large", result.Title);
        Assert.Equal("\"a.jpg\" is 2 MB; the limit is 1 MB.", result.Message);
        Assert.Null(result.Value);
        Assert.Null(result.Errors);
    }

    [Theory]
    [InlineData(Outcome.Ok)]
    [InlineData(Outcome.Created)]
    [InlineData(Outcome.Invalid)]
    public void Refused_IsNotForSuccess_OrFieldErrors(Outcome outcome) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Result<string>.Refused(outcome, "code", "Title", "Message."));

    [Fact]
    public void TheOlderRefusals_HaveNoCodeOrTitle()
    {
        var result = Result<string>.NotFound("There is no such tag.");
        Assert.Null(result.Code);
        Assert.Null(result.Title);
    }

    [Fact]
    public void Refusal_PutsTheTitleBeforeTheMessage_UnlessToldNotTo()
    {
        var result = Result<string>.Refused(Outcome.Unprocessable, "too-narrow", "The picture is too small", "\"a.jpg\" is 150 pixels wide.");
        Assert.Equal("The picture is too small: \"a.jpg\" is 150 pixels wide.", result.Refusal());
        Assert.Equal("\"a.jpg\" is 150 pixels wide.", result.Refusal(withTitle: false));
    }

    [Fact]
    public void Refusal_WithoutATitle_IsTheMessage()
    {
        Assert.Equal("There is no such tag.", Result<string>.NotFound("There is no such tag.").Refusal());
    }

    [Fact]
    public void Refusal_OfFieldErrors_IsTheirMessagesInOrder()
    {
        var errors = new ValidationErrors();
        errors.Add("alt", "The alt text is too long.");
        errors.Add("credit", "The credit is too long.");
        errors.Add("alt", "The alt text names the file.");
        Assert.Equal("The alt text is too long. The alt text names the file. The credit is too long.", Result<string>.Invalid(errors).Refusal());
    }
}
