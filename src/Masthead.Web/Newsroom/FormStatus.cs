using Masthead.Core.Common;

namespace Masthead.Web.Newsroom;

/// <summary>
/// The status a newsroom form answers with when a use case said no, the page itself saying why: the newsroom's
/// counterpart of the API's problem mapping in AdminApi/ApiResults.
/// </summary>
public static class FormStatus
{
    public static int For(Outcome outcome) => outcome switch
    {
        Outcome.NotFound => StatusCodes.Status404NotFound,
        Outcome.Forbidden => StatusCodes.Status403Forbidden,
        // A form sends no If-Match: a stale copy, like a picture still in use, is a conflict with what is saved.
        Outcome.Stale or Outcome.Conflict => StatusCodes.Status409Conflict,
        // A refused file is a form to correct, like a bad field; the API's finer statuses are for programs.
        _ => StatusCodes.Status400BadRequest,
    };
}
