using System.Net;
using Masthead.Core.Accounts;
using Masthead.Core.Members;
using Masthead.Tests.Support;

namespace Masthead.Tests.Members;

/// <summary>Labels on members in the newsroom: added and removed on the member's page, a filter and a column on the Members page. Both databases.</summary>
public sealed class MemberLabelTests(MembersAppFactory app) : IClassFixture<MembersAppFactory>
{
    private async Task<(int Id, string Email)> MemberAsync()
    {
        var email = MembersAppFactory.NewAddress();
        var id = 0;
        await app.WithDbAsync(async db =>
        {
            var member = new Member
            {
                Email = email, Status = MemberStatus.Active, CreatedAt = app.Clock.GetUtcNow().UtcDateTime, ConsentSource = "test",
                PublicKey = Guid.NewGuid().ToString("N"), SecurityStamp = Guid.NewGuid().ToString("N"),
            };
            db.Members.Add(member);
            await db.SaveChangesAsync();
            id = member.Id;
        });
        return (id, email);
    }

    [Fact]
    public async Task AnEditor_AddsAndRemovesLabels_AndTheMembersPageFiltersByThem()
    {
        var (id, email) = await MemberAsync();
        var (_, other) = await MemberAsync();
        var label = $"Fair {Guid.NewGuid():N}"[..13];
        var editor = await app.NewsroomAsAsync(Role.Editor);

        var added = await editor.SubmitAsync($"/newsroom/members/{id}", "#label-form", new() { ["NewLabel"] = $"  {label} " });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        // The same label in another case adds nothing.
        await editor.SubmitAsync($"/newsroom/members/{id}", "#label-form", new() { ["NewLabel"] = label.ToUpperInvariant() });
        Assert.Equal([label], app.WithDb(db => db.MemberLabels.Where(l => l.MemberId == id).Select(l => l.Name).ToList()));
        Assert.Contains(label, (await editor.GetPageAsync($"/newsroom/members/{id}")).QuerySelector("#labels")!.TextContent);

        var refused = await editor.SubmitAsync($"/newsroom/members/{id}", "#label-form", new() { ["NewLabel"] = "one, two" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("cannot hold a comma", (await Html.ParseAsync(refused)).QuerySelector("#err-label")!.TextContent);

        var filtered = await editor.GetPageAsync("/newsroom/members?label=" + Uri.EscapeDataString(label));
        Assert.NotNull(filtered.QuerySelector($"#f-label option[value='{label}'][selected]"));
        var listed = filtered.QuerySelector("main table")!.TextContent;
        Assert.Contains(email, listed);
        Assert.DoesNotContain(other, listed);
        Assert.Contains(label, await editor.Http.GetStringAsync("/newsroom/members?handler=export&label=" + Uri.EscapeDataString(label)));

        var removed = await editor.SubmitAsync($"/newsroom/members/{id}", $"#labels form", new());
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty(app.WithDb(db => db.MemberLabels.Where(l => l.MemberId == id).ToList()));
    }

    [Fact]
    public async Task Labels_GoWithADeletedAccount_AndAreInTheMembersOwnData()
    {
        var (id, _) = await MemberAsync();
        await app.UseAsync<MemberLabels, Masthead.Core.Common.Result<MemberLabel>>(l => l.AddAsync(id, "Supporter", Editor.System, CancellationToken.None));
        var data = await app.UseAsync<MemberAccounts, MemberData>(a => a.ExportAsync(id, CancellationToken.None));
        Assert.Equal(["Supporter"], data.Labels);
        await app.UseAsync<MemberAccounts, bool>(async a => { await a.DeleteAsync(id, CancellationToken.None); return true; });
        Assert.False(app.WithDb(db => db.MemberLabels.Any(l => l.MemberId == id)));
    }
}
