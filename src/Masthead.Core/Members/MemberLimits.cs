namespace Masthead.Core.Members;

public static class MemberLimits
{
    public const int Name = 200;
    public const int StopReason = 300;
    public static readonly TimeSpan ConfirmLifetime = TimeSpan.FromDays(2);
    public static readonly TimeSpan SignInLifetime = TimeSpan.FromMinutes(30);
}
