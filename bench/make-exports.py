#!/usr/bin/env python3
"""Writes a WordPress WXR and a Ghost JSON export of N invented articles (default 1,000) for bench/import.sh.

Each story has a few paragraphs, a heading, a list, a quote with a citation, a picture with a caption and an
embed, two categories or tags and one or two authors, so the importer does its real work on every one."""
import json, random, sys
from xml.sax.saxutils import escape

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
out = sys.argv[2] if len(sys.argv) > 2 else "."
random.seed(7)
words = ("harbour ferry council market library mural tide lantern bakery allotment bridge rota timetable "
         "festival choir regatta lighthouse orchard quay signal workshop").split()
def sentence(k=14):
    s = " ".join(random.choice(words) for _ in range(k))
    return s[0].upper() + s[1:] + "."
def body_html(i):
    return (f"<p>{sentence()} {sentence()}</p><h2>{sentence(4)}</h2><p>{sentence()} <a href=\"https://example.org/{i}\">{sentence(3)}</a></p>"
            f"<ul><li>{sentence(5)}</li><li>{sentence(5)}</li></ul>"
            f"<blockquote><p>{sentence(9)}</p><cite>Resident {i}</cite></blockquote>"
            f"<figure class=\"wp-block-image\"><img src=\"https://bench.example/wp-content/uploads/2024/01/p{i}.jpg\" alt=\"{sentence(5)}\"><figcaption>{sentence(6)}</figcaption></figure>"
            f"<figure class=\"wp-block-embed\"><div class=\"wp-block-embed__wrapper\">https://www.youtube.com/watch?v=bench{i:05d}</div></figure>"
            + "".join(f"<p>{sentence()} {sentence()} {sentence()}</p>" for _ in range(6)))

cats = ["news", "culture", "food", "sport", "letters"]
authors = ["ada", "bo", "cy", "dee", "eli", "fen"]
with open(f"{out}/bench-wordpress.xml", "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
            '<title>Bench</title><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://bench.example</wp:base_site_url>\n')
    for a in authors:
        f.write(f"<wp:author><wp:author_login>{a}</wp:author_login><wp:author_display_name>{a.title()} Example</wp:author_display_name></wp:author>\n")
    for c in cats:
        f.write(f"<wp:category><wp:category_nicename>{c}</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>{c.title()}</wp:cat_name></wp:category>\n")
    for t in words:
        f.write(f"<wp:tag><wp:tag_slug>{t}</wp:tag_slug><wp:tag_name>{t.title()}</wp:tag_name></wp:tag>\n")
    for i in range(1, n + 1):
        day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d} 09:{i % 60:02d}:00"
        f.write(f"<item><title>{escape(sentence(6))}</title><link>https://bench.example/2024/01/01/story-{i}/</link>"
                f"<dc:creator>{authors[i % 6]}</dc:creator><content:encoded><![CDATA[{body_html(i)}]]></content:encoded>"
                f"<excerpt:encoded><![CDATA[{sentence(12)}]]></excerpt:encoded><wp:post_id>{i}</wp:post_id>"
                f"<wp:post_date>{day}</wp:post_date><wp:post_date_gmt>{day}</wp:post_date_gmt><wp:post_name>story-{i}</wp:post_name>"
                f"<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
                f"<category domain=\"category\" nicename=\"{cats[i % 5]}\">{cats[i % 5].title()}</category>"
                f"<category domain=\"post_tag\" nicename=\"{words[i % 20]}\">{words[i % 20].title()}</category>"
                f"<category domain=\"post_tag\" nicename=\"{words[(i * 7) % 20]}\">{words[(i * 7) % 20].title()}</category></item>\n")
    f.write("</channel></rss>\n")

users = [{"id": f"u{k}", "name": f"{a.title()} Example", "slug": a} for k, a in enumerate(authors)]
tags = [{"id": f"t{k}", "name": w.title(), "slug": w, "visibility": "public"} for k, w in enumerate(words)]
posts, pa, pt = [], [], []
for i in range(1, n + 1):
    posts.append({"id": f"p{i}", "title": sentence(6), "slug": f"story-{i}", "html": body_html(i).replace("wp-block-image", "kg-card kg-image-card"),
                  "type": "post", "status": "published", "visibility": "public", "published_at": f"2024-01-{1 + i % 28:02d}T09:00:00.000Z",
                  "created_at": "2024-01-01T00:00:00.000Z", "updated_at": "2024-01-02T00:00:00.000Z", "custom_excerpt": sentence(12),
                  "feature_image": f"__GHOST_URL__/content/images/2024/01/p{i}.jpg"})
    pa.append({"post_id": f"p{i}", "author_id": f"u{i % 6}", "sort_order": 0})
    if i % 3 == 0: pa.append({"post_id": f"p{i}", "author_id": f"u{(i + 1) % 6}", "sort_order": 1})
    pt.append({"post_id": f"p{i}", "tag_id": f"t{i % 5}", "sort_order": 0})
    pt.append({"post_id": f"p{i}", "tag_id": f"t{5 + i % 15}", "sort_order": 1})
json.dump({"db": [{"meta": {"version": "5.75.2"}, "data": {"posts": posts, "users": users, "tags": tags, "posts_authors": pa, "posts_tags": pt}}]},
          open(f"{out}/bench-ghost.json", "w"))
