using Masthead.Core.Accounts;
using Masthead.Core.Common;
using Masthead.Core.Members;
using Masthead.Tests.Support;

namespace Masthead.Tests.Members;

/// <summary>Ghost's members export, read by its column names: consent recorded as imported, Ghost's join date and labels kept. Both databases.</summary>
public sealed class GhostMembersImportTests(MembersAppFactory app) : IClassFixture<MembersAppFactory>
{
    [Fact]
    public async Task GhostsExport_IsReadByColumnName_KeepingJoinDatesEmailChoicesAndLabels()
    {
        var letter = await app.NewsletterAsync($"Ghost letter {Guid.NewGuid():N}");
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (heron, snipe, gone) = ($"heron-{tag}@test.example", $"snipe-{tag}@test.example", $"gone-{tag}@test.example");
        var csv = "id,email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,created_at,deleted_at,labels,tiers\n"
            + $"6571f0c2a1b2c3d4e5f60001,{heron},Heron Vale,\"Met at the fair, 2023\",true,false,,2023-04-05T10:11:12.000Z,,\"Fair 2023, VIP\",\n"
            + $"6571f0c2a1b2c3d4e5f60002,{snipe.ToUpperInvariant()},,,false,false,cus_Test123,2024-01-02T03:04:05.000Z,,,Supporter\n"
            + $"6571f0c2a1b2c3d4e5f60003,{gone},Gone Person,,true,false,,2022-01-01T00:00:00.000Z,2024-05-05T00:00:00.000Z,,\n";

        var result = await app.UseAsync<MemberImport, Result<MemberImportReport>>(i =>
            i.ImportAsync(csv, [letter.Id], Editor.System with { Role = Role.Editor, Name = "Ed Itor" }, CancellationToken.None));
        var report = result.Value!;
        Assert.Equal((2, 0), (report.Added, report.AlreadyMembers));
        Assert.Equal($"Line 3: {gone} was deleted in Ghost; not imported.", Assert.Single(report.Problems));

        var h = app.WithDb(db => db.Members.Single(m => m.Email == heron));
        Assert.Equal(("Heron Vale", MemberStatus.Active, "imported"), (h.Name, h.Status, h.ConsentSource));
        Assert.Equal(new DateTime(2023, 4, 5, 10, 11, 12, DateTimeKind.Utc), h.CreatedAt);
        Assert.True(app.WithDb(db => db.NewsletterSubscriptions.Any(s => s.MemberId == h.Id && s.NewsletterId == letter.Id)));
        Assert.Equal("Ghost CSV, by Ed Itor", app.WithDb(db => db.MemberEvents.Single(e => e.MemberId == h.Id).Detail));
        Assert.Equal(["Fair 2023", "VIP"], app.WithDb(db => db.MemberLabels.Where(l => l.MemberId == h.Id).OrderBy(l => l.Name).Select(l => l.Name).ToList()));

        // Turned emails off in Ghost: a member here too, receiving nothing.
        var s = app.WithDb(db => db.Members.Single(m => m.Email == snipe));
        Assert.Null(s.Name);
        Assert.False(app.WithDb(db => db.NewsletterSubscriptions.Any(x => x.MemberId == s.Id)));
        Assert.Equal("Ghost CSV, by Ed Itor, not subscribed to emails", app.WithDb(db => db.MemberEvents.Single(e => e.MemberId == s.Id).Detail));
        Assert.False(app.WithDb(db => db.Members.Any(m => m.Email == gone)));

        // The same file again adds nobody.
        var again = await app.UseAsync<MemberImport, Result<MemberImportReport>>(i =>
            i.ImportAsync(csv, [letter.Id], Editor.System with { Role = Role.Editor }, CancellationToken.None));
        Assert.Equal((0, 2), (again.Value!.Added, again.Value.AlreadyMembers));
    }
}
