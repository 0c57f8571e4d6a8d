using System.Net;
using AngleSharp.Dom;
using Masthead.Tests.Support;

namespace Masthead.Tests.Members;

/// <summary>What a reader does in a browser: fill in a form, follow a link from the mail, press the button on its page.</summary>
public static class MemberFlows
{
    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, params (string Name, string Value)[] fields) =>
        client.PostAsync(url, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    /// <summary>Opens the link's page and presses its one button, posting the form as the page has it.</summary>
    public static async Task<HttpResponseMessage> FollowLinkAsync(this HttpClient client, string link)
    {
        var page = await client.GetPageAsync(link);
        var form = page.QuerySelector("main form") ?? throw new InvalidOperationException($"{link} shows no form.");
        return await client.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(NewsroomClient.FieldsOf(form)));
    }

    /// <summary>Signs up, confirms from the mail, and returns the client signed in.</summary>
    public static async Task<HttpClient> NewMemberAsync(this MembersAppFactory app, string email)
    {
        var client = app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync("/members/sign-up", ("email", email))).StatusCode);
        var mail = Assert.Single(await app.Smtp.WaitForAsync(email));
        var confirmed = await client.FollowLinkAsync(MembersAppFactory.LinkIn(mail));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        return client;
    }

    public static async Task<IDocument> AccountAsync(this HttpClient client) => await client.GetPageAsync("/members/account");

    public static async Task<HttpResponseMessage> SubmitAccountFormAsync(this HttpClient client, string action, params (string Name, string Value)[] fields)
    {
        var page = await client.AccountAsync();
        var form = page.QuerySelector($"form[action='{action}']") ?? throw new InvalidOperationException($"No form posts to {action}.");
        var values = NewsroomClient.FieldsOf(form).Where(f => fields.All(x => x.Name != f.Key)).ToList();
        values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }
}
