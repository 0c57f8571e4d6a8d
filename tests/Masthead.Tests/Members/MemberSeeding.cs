using Masthead.Core.Members;
using Masthead.Core.Newsletters;
using Masthead.Tests.Support;

namespace Masthead.Tests.Members;

public static class MemberSeeding
{
    /// <summary>
    /// Members who chose the newsletter, written straight into the database (sign-up itself is tested elsewhere);
    /// returns their addresses.
    /// </summary>
    public static async Task<List<string>> SubscribedMembersAsync(this MastheadAppFactory app, Newsletter newsletter, int count,
        MemberStatus status = MemberStatus.Active)
    {
        var emails = Enumerable.Range(0, count).Select(_ => MembersAppFactory.NewAddress()).ToList();
        await app.WithDbAsync(async db =>
        {
            foreach (var email in emails)
            {
                var member = new Member
                {
                    Email = email, Status = status, CreatedAt = app.Clock.GetUtcNow().UtcDateTime, ConsentSource = "test",
                    PublicKey = Guid.NewGuid().ToString("N"), SecurityStamp = Guid.NewGuid().ToString("N"),
                };
                member.Subscriptions.Add(new NewsletterSubscription { NewsletterId = newsletter.Id, SubscribedAt = member.CreatedAt });
                db.Members.Add(member);
            }
            await db.SaveChangesAsync();
        });
        return emails;
    }
}
