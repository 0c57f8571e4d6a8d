# Varnish 7.1 in front of Masthead nodes (Debian: apt install varnish varnish-modules).
#
# Caches public pages, feeds, sitemaps and pictures until Masthead purges them by tag; passes the newsroom, the admin
# API, search, previews, member pages and anyone signed in straight to a node. Masthead names every public answer's tags in
# Surrogate-Key; this file hands them to the xkey module, and Masthead's purge sender asks for
#     PURGE / with "xkey-purge: article-12 section-3 home"
# from one node, retried until every cache in Masthead:Cache:PurgeUrls has accepted. See docs/deploy.md.
vcl 4.1;

import directors;
import xkey;

# One backend per Masthead node; edit the addresses. The probe takes a node out of rotation while it is down.
backend node_a {
    .host = "127.0.0.1";
    .port = "5001";
    .probe = { .url = "/robots.txt"; .interval = 2s; .timeout = 1s; .window = 3; .threshold = 2; }
}
backend node_b {
    .host = "127.0.0.1";
    .port = "5002";
    .probe = { .url = "/robots.txt"; .interval = 2s; .timeout = 1s; .window = 3; .threshold = 2; }
}

# Who may purge: the Masthead nodes' addresses.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_init {
    new nodes = directors.round_robin();
    nodes.add_backend(node_a);
    nodes.add_backend(node_b);
}

sub vcl_recv {
    set req.backend_hint = nodes.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purging is not allowed from this address"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Send the tags to purge in an xkey-purge header"));
        }
        set req.http.X-Purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.X-Purged + " objects"));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The people who make the magazine, apps writing to it, and anything personal: always from a node.
    if (req.url ~ "^/(newsroom|api/admin|preview|members|mail)(/|\?|$)" || req.url ~ "^/search(\?|$)" || req.url ~ "^/api/content/v1/search") {
        return (pass);
    }
    # A member (masthead_member, sent on every path) may be reading a members-only story, whose whole text is theirs
    # alone: their requests are never answered from, nor stored into, the shared cache. Masthead marks those pages
    # "private, no-store" as well; anonymous readers of the same address get the cached teaser.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(masthead_session|masthead_member)=") {
        return (pass);
    }
    # Public answers depend on no cookie (analytics cookies would otherwise split the cache).
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # Masthead's tags, as xkey reads them.
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
    # Tagged public answers say "public, no-cache" to browsers (check back every time); Varnish keeps them until a
    # purge says otherwise, and serves a stale copy for a while if every node is down.
    if (beresp.http.Surrogate-Key && beresp.status == 200) {
        unset beresp.http.Set-Cookie;
        set beresp.ttl = 1d;
        set beresp.grace = 6h;
        return (deliver);
    }
    # Gone and not-found answers for a short while, so a burst of requests for a removed story does not reach the nodes.
    if (beresp.status == 404 || beresp.status == 410) {
        set beresp.ttl = 10s;
        return (deliver);
    }
}

sub vcl_deliver {
    # Whether this answer came from the cache, for operators (and the cluster test).
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
    # The tags are for caches; readers need not download them with every page.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
    unset resp.http.X-Varnish;
    unset resp.http.Via;
}
