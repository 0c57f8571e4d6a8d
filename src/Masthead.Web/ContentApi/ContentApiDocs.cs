using System.Net;
using Masthead.Web.PublicSite;

namespace Masthead.Web.ContentApi;

/// <summary>
/// /api/content/docs: the Content API described for the people who build apps on it. Plain, server-rendered,
/// semantic HTML (landmarks, one h1, headed tables, code in &lt;pre&gt;) that needs no script or stylesheet.
/// </summary>
public static class ContentApiDocs
{
    public static async Task<IResult> Render(SiteContext context)
    {
        var site = await context.GetAsync();
        var name = WebUtility.HtmlEncode(site.Name);
        var baseUrl = WebUtility.HtmlEncode(site.BaseUrl.TrimEnd('/'));
        var html = Template.Replace("{name}", name, StringComparison.Ordinal).Replace("{base}", baseUrl, StringComparison.Ordinal)
            .Replace("{lang}", WebUtility.HtmlEncode(site.Language), StringComparison.Ordinal);
        return Results.Content(html, "text/html; charset=utf-8");
    }

    private const string Template = """
        <!DOCTYPE html>
        <html lang="{lang}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Content API – {name}</title>
        </head>
        <body>
        <a href="#main">Skip to the documentation</a>
        <header><p><a href="/">{name}</a></p></header>
        <nav aria-label="On this page">
        <ul>
        <li><a href="#auth">Keys</a></li>
        <li><a href="#resources">Resources</a></li>
        <li><a href="#parameters">Article parameters</a></li>
        <li><a href="#pagination">Pagination</a></li>
        <li><a href="#caching">Caching and conditional requests</a></li>
        <li><a href="#errors">Errors and limits</a></li>
        <li><a href="#cors">Browsers (CORS)</a></li>
        <li><a href="#webhooks">Webhooks</a></li>
        </ul>
        </nav>
        <main id="main">
        <h1>The {name} Content API</h1>
        <p>A read-only JSON API for front ends and apps under <code>{base}/api/content/v1</code>. It serves published
        content only: drafts, scheduled, unpublished stories and anything private never appear in it. The machine-readable
        description is the OpenAPI document <a href="/openapi/content.json">/openapi/content.json</a>.</p>

        <h2 id="auth">Keys</h2>
        <p>Every request needs a Content API key, one per app. An admin creates keys in the newsroom (Settings › Content API keys)
        or on the server with <code>masthead content-key create --name "iOS app"</code>. The key is shown once; only its hash is kept,
        and a revoked key is refused from the next request. Send it in a header, or as a query parameter where headers are awkward.
        The query form is weaker: the address, key and all, can be kept by browser history, proxies' logs and Referer headers,
        so use the header wherever the client allows it.</p>
        <pre><code>curl -H "X-Api-Key: mhc_…" {base}/api/content/v1/articles
        curl "{base}/api/content/v1/articles?key=mhc_…"</code></pre>

        <h2 id="resources">Resources</h2>
        <p>Every answer is a JSON object whose content is in <code>data</code>.</p>
        <table>
        <caption>Endpoints, all under /api/content/v1 and all GET</caption>
        <thead><tr><th scope="col">Path</th><th scope="col">Returns</th></tr></thead>
        <tbody>
        <tr><th scope="row"><code>/articles</code></th><td>Published articles, newest first, a page at a time (see below)</td></tr>
        <tr><th scope="row"><code>/articles/{id}</code></th><td>One article by its id</td></tr>
        <tr><th scope="row"><code>/articles/slug/{slug}</code></th><td>One article by its slug</td></tr>
        <tr><th scope="row"><code>/articles/{id}/entries</code>, <code>/articles/slug/{slug}/entries</code></th><td>A live blog's entries, newest first, paged like articles (<code>limit</code>, <code>cursor</code>)</td></tr>
        <tr><th scope="row"><code>/sections</code></th><td>The section tree: top sections with their <code>children</code></td></tr>
        <tr><th scope="row"><code>/authors</code>, <code>/authors/{slug}</code></th><td>Author profiles</td></tr>
        <tr><th scope="row"><code>/tags</code>, <code>/tags/{slug}</code></th><td>Tags on published articles, with <code>articleCount</code></td></tr>
        <tr><th scope="row"><code>/pages</code>, <code>/pages/{slug}</code></th><td>Standalone pages such as About</td></tr>
        <tr><th scope="row"><code>/search?q=</code></th><td>Published articles matching words (<code>"a phrase"</code>, <code>-left-out</code>), best first, with highlighted headline and snippet; <code>section</code>, <code>author</code>, <code>tag</code>, <code>publishedAfter</code>, <code>publishedBefore</code>, <code>page</code>, <code>limit</code> (up to 50). Never cached.</td></tr>
        </tbody>
        </table>
        <p>An article carries <code>id</code>, <code>slug</code>, <code>headline</code>, <code>standfirst</code>, <code>url</code> (its
        public address), <code>bodyHtml</code> (sanitized HTML), <code>sectionId</code>, <code>sectionPath</code>, <code>heroImage</code>
        (<code>url</code>, <code>alt</code>, <code>caption</code>, <code>credit</code>, <code>width</code>, <code>height</code>),
        <code>seoTitle</code>, <code>seoDescription</code>, <code>publishedAt</code>, <code>updatedAt</code> (the last change of any
        kind), <code>access</code>: <code>public</code>, or <code>members</code> for a members-only story, whose <code>bodyHtml</code>
        is then only its teaser (the first paragraphs; the rest is for signed-in members on the site), and <code>liveBlog</code>:
        <code>null</code>, or for a live blog its <code>state</code> (<code>live</code> or
        <code>ended</code>), <code>coverageStartTime</code>, <code>coverageEndTime</code>, <code>entryCount</code> and the
        address of its <code>entries</code>. An entry carries <code>id</code>, <code>articleId</code>, <code>url</code> (its
        permalink on the story's page), <code>bodyHtml</code>, <code>keyEvent</code>, <code>publishedAt</code>,
        <code>updatedAt</code> and <code>author</code>. Times are UTC in ISO 8601.</p>

        <h2 id="parameters">Article parameters</h2>
        <table>
        <caption>Query parameters of /articles (fields and include also work on a single article)</caption>
        <thead><tr><th scope="col">Parameter</th><th scope="col">Meaning</th><th scope="col">Example</th></tr></thead>
        <tbody>
        <tr><th scope="row"><code>section</code></th><td>Articles in a section, by path, including its sub-sections</td><td><code>section=culture</code></td></tr>
        <tr><th scope="row"><code>subsections</code></th><td><code>false</code> for the section's own articles only</td><td><code>subsections=false</code></td></tr>
        <tr><th scope="row"><code>author</code></th><td>By an author's slug</td><td><code>author=wren-ashdown</code></td></tr>
        <tr><th scope="row"><code>tag</code></th><td>With a tag's slug</td><td><code>tag=transport</code></td></tr>
        <tr><th scope="row"><code>publishedAfter</code>, <code>publishedBefore</code></th><td>First published at or after, and before, a date or instant</td><td><code>publishedAfter=2026-11-01</code></td></tr>
        <tr><th scope="row"><code>sort</code></th><td><code>-publishedAt</code> (default), <code>publishedAt</code>, <code>-updatedAt</code>, <code>updatedAt</code></td><td><code>sort=-updatedAt</code></td></tr>
        <tr><th scope="row"><code>fields</code></th><td>Only these members of each article</td><td><code>fields=headline,slug</code></td></tr>
        <tr><th scope="row"><code>include</code></th><td>Add related things: <code>section</code>, <code>authors</code>, <code>tags</code>, <code>credits</code>, <code>notes</code> (updates and corrections)</td><td><code>include=authors,tags</code></td></tr>
        <tr><th scope="row"><code>limit</code></th><td>Articles per page, 1 to 100 (default 20)</td><td><code>limit=50</code></td></tr>
        <tr><th scope="row"><code>cursor</code></th><td>Where the next page starts (see Pagination)</td><td></td></tr>
        </tbody>
        </table>
        <pre><code>curl -H "X-Api-Key: $KEY" "{base}/api/content/v1/articles?section=culture&amp;include=authors,tags&amp;fields=headline,url,publishedAt&amp;limit=10"</code></pre>
        <p>An unknown parameter, field or include is refused rather than ignored, so a typing mistake cannot pass unnoticed.</p>

        <h2 id="pagination">Pagination</h2>
        <p>Lists come a page at a time. <code>pagination.nextCursor</code> is an opaque string and <code>pagination.next</code> the
        address of the following page; both are missing on the last page. The cursor marks the last article you received, so
        articles published while you page through never make you see one twice or skip one. Keep the same <code>sort</code> for
        every page of one walk.</p>
        <pre><code>{"data": [ … ], "pagination": {"limit": 20, "nextCursor": "MDo2Mzg…", "next": "/api/content/v1/articles?cursor=MDo2Mzg…"}}</code></pre>

        <h2 id="caching">Caching and conditional requests</h2>
        <p>Every successful GET has an <code>ETag</code>. Send it back as <code>If-None-Match</code> and the answer is
        <code>304 Not Modified</code> with no body until the content changes. Answers are marked <code>Cache-Control: private, no-cache</code>:
        keep a copy, but ask before reusing it.</p>
        <pre><code>curl -i -H "X-Api-Key: $KEY" -H 'If-None-Match: "abc…"' {base}/api/content/v1/sections</code></pre>

        <h2 id="errors">Errors and limits</h2>
        <p>Errors are RFC 9457 problem details (<code>application/problem+json</code>) with a <code>title</code>, a <code>detail</code>
        and, for bad parameters, <code>errors</code> naming each one. 401 means a missing, wrong or revoked key; 404 an id or slug with
        no published content (a draft gets the same answer as nothing); 429 that the key made too many requests this minute, with
        <code>Retry-After</code> saying how many seconds to wait.</p>
        <pre><code>{"title": "The request has invalid parameters", "status": 400,
         "errors": {"limit": ["limit must be a whole number from 1 to 100."]}}</code></pre>

        <h2 id="cors">Browsers (CORS)</h2>
        <p>Pages on the origins the server lists in <code>Masthead:ContentApi:AllowedOrigins</code> may call the API from
        JavaScript; others are refused by the browser. A key used in a browser is visible to its readers, so give
        such apps their own key.</p>

        <h2 id="webhooks">Webhooks</h2>
        <p>Rather than asking often, a server can be told: an admin subscribes an address to events such as
        <code>article.published</code> in the newsroom (Settings › Webhooks). Each delivery is a signed POST whose body carries the
        article as this API shows it. The README of Masthead describes the payload and how to check the signature.</p>
        </main>
        </body>
        </html>
        """;
}
