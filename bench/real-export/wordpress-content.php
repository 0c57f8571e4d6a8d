<?php
// wordpress-content.php [POSTS=1000] [PICTURES=200] — fills the peer WordPress (/work/shared/peers) with an invented
// local newspaper, the Wrenmouth Tide, through WordPress's own functions (wp_insert_user, wp_insert_term,
// wp_insert_attachment, wp_insert_post, wp_insert_comment), so WordPress's own exporter writes a real WXR of it.
// Bodies are block markup as the block editor saves it; the oldest tenth are classic-editor posts with [caption]
// shortcodes and bare video links, as a site that predates the block editor holds. Everyone and everything in it
// is made up. Seeded, so the same counts give the same site. Run as www-data: php wordpress-content.php
$_SERVER['HTTP_HOST'] = getenv('PEER_WP_HOST') ?: '127.0.0.1:8081';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/image.php';

$POSTS = (int) ($argv[1] ?? 1000);
$PICTURES = (int) ($argv[2] ?? 200);
mt_srand(1403);
wp_set_current_user(1);
wp_defer_term_counting(true);
update_option('blogname', 'The Wrenmouth Tide');
update_option('permalink_structure', '/%year%/%monthnum%/%day%/%postname%/');
if (get_option('wrenmouth_loaded')) { echo "already loaded\n"; exit(0); }

function pick(array $a) { return $a[mt_rand(0, count($a) - 1)]; }
function chance($percent) { return mt_rand(1, 100) <= $percent; }
function fill($template) {
    return preg_replace_callback('/\{(\w+)\}/', fn($m) => isset(WORDS[$m[1]]) ? pick(WORDS[$m[1]]) : $m[0], $template);
}
function person() { return pick(WORDS['first']) . ' ' . pick(WORDS['last']); }

const WORDS = [
    'first' => ['Maren', 'Tobiah', 'Eluned', 'Kasimir', 'Odile', 'Ravi', 'Jonquil', 'Bram', 'Soraya', 'Idris', 'Wilhelmina', 'Teodor',
        'Nuala', 'Ezra', 'Perpetua', 'Lasse', 'Amara', 'Fergal', 'Ines', 'Cosmo', 'Delphine', 'Yusuf', 'Hester', 'Anselm'],
    'last' => ['Quillfeather', 'Brackwater', 'Oduya', 'Hensleigh', 'Marchetti', 'Tregowan', 'Szabo', 'Pennock', 'Arkwright-Vale',
        'Lindqvist', 'Okonkwo', 'Fairbairn', 'Castellanos', 'Dunmore', 'Whitlow', 'Rasmussen', 'Achterberg', 'Polglase'],
    'place' => ['the harbour wall', 'Gull Street', 'the old ropeworks', 'Saltings Park', 'the ferry slipway', 'Chapel Hill', 'the covered market',
        'Upper Wrenmouth', 'the lifeboat station', 'Kestrel Lane', 'the swing bridge', 'the allotments by the railway', 'Marsh End'],
    'org' => ['the town council', 'the harbour board', 'the Wrenmouth Rowing Club', 'the library trust', 'the traders\' association',
        'St Brannock\'s primary school', 'the ferry company', 'the community orchard group', 'the lifeboat crew', 'the choral society'],
    'thing' => ['the bus timetable', 'the night ferry', 'a new footbridge', 'parking charges', 'the summer regatta', 'the fish market lease',
        'a mural on the sea wall', 'the Saturday bookstall', 'the tide gauge', 'bin collections', 'the carnival route', 'a repair café'],
    'feeling' => ['cautiously hopeful', 'frustrated', 'delighted', 'unconvinced', 'relieved', 'surprised', 'determined', 'tired of waiting'],
    'number' => ['two', 'three', 'four', 'a dozen', 'forty', 'sixty', 'several hundred', 'nine', 'eleven', 'twenty-three'],
    'time' => ['on Tuesday evening', 'last week', 'before the spring tides', 'by the end of the month', 'after a long winter',
        'at the last meeting', 'over the bank holiday', 'early on Sunday'],
];
const SENTENCES = [
    '{org} met {time} to talk about {thing}, and the public gallery was full.',
    'Residents near {place} say they have waited {number} years for a decision on {thing}.',
    '"We are {feeling}," said {person}, who has lived on {place} since she was a child.',
    '"Nobody asked us first," said {person}, who runs a stall near {place}.',
    'The plan, drawn up by {org}, would change {thing} from next season.',
    'At least {number} people signed a letter asking {org} to think again.',
    'A spokesperson for {org} said the figures would be published {time}.',
    'Volunteers from {org} spent the weekend clearing {place}.',
    'The vote was close: {number} in favour, with the rest abstaining.',
    'Most of the work on {place} should be finished {time}, weather permitting.',
    '{person}, who chairs {org}, called it "the best news this town has had in years".',
    'Not everyone agrees. {person} thinks {thing} matters more than anything on the agenda.',
    'The money comes from a grant that {org} applied for {time}.',
    'Children from St Brannock\'s painted the signs that now line {place}.',
    'Those who missed the meeting can read the minutes at the library on Gull Street.',
    'Questions about {thing} can be sent to {org} until the end of the month.',
    'It is the third time in {number} years that {thing} has come up for review.',
    '{person} remembers when {place} flooded and the whole street helped to bail out the shop.',
    'The next meeting of {org} is open to anyone who wants to speak about {thing}.',
    'Traders on {place} said takings were up on last year, despite the rain.',
];
const HEADLINES = [
    '{org} backs plan for {thing}', 'What the vote on {thing} means for {place}', 'Volunteers transform {place}',
    'Questions over {thing} as deadline nears', 'A year on {place}: the people who keep it going', 'Letters: {thing}',
    'Why {thing} keeps coming back', 'In pictures: a weekend at {place}', 'Council delays decision on {thing}',
    'Meet the {number} volunteers behind {thing}', 'Row over {thing} reaches {org}', 'Sunshine and queues at {place}',
];

function sentences($n) { $s = []; for ($i = 0; $i < $n; $i++) $s[] = str_replace('{person}', person(), fill(pick(SENTENCES))); return implode(' ', $s); }
function inline($text) {
    // Now and then a link, a stress or an emphasis, as reporters add them.
    if (chance(30)) $text = preg_replace('/\b(council|harbour|library|ferry|market)\b/', '<a href="https://wrenmouth.example/$1">$1</a>', $text, 1);
    if (chance(20)) $text = preg_replace('/"([^"]+)"/', '"<em>$1</em>"', $text, 1);
    if (chance(15)) $text = preg_replace('/^(\S+ \S+ \S+)/', '<strong>$1</strong>', $text, 1);
    return $text;
}
function esc($t) { return htmlspecialchars($t, ENT_QUOTES | ENT_HTML5, 'UTF-8', false); }
function video_id() { $c = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ0123456789-_'; $s = ''; for ($i = 0; $i < 11; $i++) $s .= $c[mt_rand(0, strlen($c) - 1)]; return $s; }

// Block markup, as the WordPress 6.1 block editor saves each block.
function b_paragraph($html) { return "<!-- wp:paragraph -->\n<p>$html</p>\n<!-- /wp:paragraph -->"; }
function b_heading($text, $level = 2) {
    $attrs = $level == 2 ? '' : ' {"level":' . $level . '}';
    return "<!-- wp:heading$attrs -->\n<h$level class=\"wp-block-heading\">" . esc($text) . "</h$level>\n<!-- /wp:heading -->";
}
function b_list($items, $ordered = false) {
    $tag = $ordered ? 'ol' : 'ul';
    $inner = implode("\n\n", array_map(fn($i) => "<!-- wp:list-item -->\n<li>" . esc($i) . "</li>\n<!-- /wp:list-item -->", $items));
    return '<!-- wp:list' . ($ordered ? ' {"ordered":true}' : '') . " -->\n<$tag>$inner</$tag>\n<!-- /wp:list -->";
}
function b_quote($text, $cite) {
    return "<!-- wp:quote -->\n<blockquote class=\"wp-block-quote\">" . b_paragraph(esc($text)) . "<cite>" . esc($cite) . "</cite></blockquote>\n<!-- /wp:quote -->";
}
function b_pullquote($text) {
    return "<!-- wp:pullquote -->\n<figure class=\"wp-block-pullquote\"><blockquote><p>" . esc($text) . "</p></blockquote></figure>\n<!-- /wp:pullquote -->";
}
function b_image($pic, $caption, $size = 'large') {
    $src = $pic['sizes'][$size] ?? $pic['url'];
    $cap = $caption === null ? '' : '<figcaption class="wp-element-caption">' . esc($caption) . '</figcaption>';
    return "<!-- wp:image {\"id\":{$pic['id']},\"sizeSlug\":\"$size\",\"linkDestination\":\"none\"} -->\n"
        . "<figure class=\"wp-block-image size-$size\"><img src=\"$src\" alt=\"" . esc($pic['alt']) . "\" class=\"wp-image-{$pic['id']}\"/>$cap</figure>\n<!-- /wp:image -->";
}
function b_gallery($pics, $caption) {
    $inner = implode("\n\n", array_map(fn($p) => "<!-- wp:image {\"id\":{$p['id']},\"sizeSlug\":\"large\",\"linkDestination\":\"none\"} -->\n"
        . "<figure class=\"wp-block-image size-large\"><img src=\"" . ($p['sizes']['large'] ?? $p['url']) . "\" alt=\"" . esc($p['alt']) . "\" class=\"wp-image-{$p['id']}\"/></figure>\n<!-- /wp:image -->", $pics));
    return "<!-- wp:gallery {\"linkTo\":\"none\"} -->\n<figure class=\"wp-block-gallery has-nested-images columns-default is-cropped\">$inner\n"
        . "<figcaption class=\"blocks-gallery-caption wp-element-caption\">" . esc($caption) . "</figcaption></figure>\n<!-- /wp:gallery -->";
}
function b_embed($caption) {
    $kind = mt_rand(1, 10);
    if ($kind <= 6) { $url = 'https://www.youtube.com/watch?v=' . video_id(); $type = 'video'; $provider = 'youtube'; $cls = ' wp-embed-aspect-16-9 wp-has-aspect-ratio'; }
    elseif ($kind <= 8) { $url = 'https://vimeo.com/' . mt_rand(100000000, 999999999); $type = 'video'; $provider = 'vimeo'; $cls = ' wp-embed-aspect-16-9 wp-has-aspect-ratio'; }
    else { $url = 'https://twitter.com/wrenmouthtide/status/' . mt_rand(1000000000, 1999999999) . mt_rand(100000000, 999999999); $type = 'rich'; $provider = 'twitter'; $cls = ''; }
    $json = '{"url":"' . $url . '","type":"' . $type . '","providerNameSlug":"' . $provider . '","responsive":true' . ($cls ? ',"className":"' . trim($cls) . '"' : '') . '}';
    $cap = $caption === null ? '' : '<figcaption class="wp-element-caption">' . esc($caption) . '</figcaption>';
    return "<!-- wp:embed $json -->\n<figure class=\"wp-block-embed is-type-$type is-provider-$provider wp-block-embed-$provider$cls\"><div class=\"wp-block-embed__wrapper\">\n$url\n</div>$cap</figure>\n<!-- /wp:embed -->";
}
function b_separator() { return "<!-- wp:separator -->\n<hr class=\"wp-block-separator has-alpha-channel-opacity\"/>\n<!-- /wp:separator -->"; }
function b_table() {
    $rows = '';
    foreach (['Monday', 'Wednesday', 'Friday', 'Saturday'] as $day) $rows .= '<tr><td>' . $day . '</td><td>' . mt_rand(6, 10) . '.' . pick(['00', '15', '30', '45']) . '</td><td>' . esc(fill('{place}')) . '</td></tr>';
    return "<!-- wp:table -->\n<figure class=\"wp-block-table\"><table><thead><tr><th>Day</th><th>From</th><th>Where</th></tr></thead><tbody>$rows</tbody></table></figure>\n<!-- /wp:table -->";
}

function block_body($pics) {
    $blocks = [b_paragraph(inline(sentences(mt_rand(2, 4))))];
    $sections = mt_rand(2, 5);
    for ($s = 0; $s < $sections; $s++) {
        if ($s > 0 || chance(50)) $blocks[] = b_heading(fill(pick(['What happens next', 'The background', 'How {org} sees it', 'On {place}', 'The numbers', 'Why it matters'])), chance(85) ? 2 : 3);
        for ($p = mt_rand(1, 4); $p > 0; $p--) $blocks[] = b_paragraph(inline(sentences(mt_rand(2, 5))));
        $extra = mt_rand(1, 100);
        if ($extra <= 18) $blocks[] = b_list(array_map(fn() => fill('{thing} near {place}'), range(1, mt_rand(2, 5))), chance(30));
        elseif ($extra <= 32) $blocks[] = b_quote(fill(pick(['We have talked about {thing} for years; now it is time to act.', 'Ask anyone on {place} and they will tell you the same.', 'It was never about {thing}; it was about being listened to.'])), person() . ', ' . fill('{org}'));
        elseif ($extra <= 52 && $pics) $blocks[] = b_image(pick($pics), chance(80) ? fill('Looking across {place} ' . pick(['at dawn', 'in the rain', 'on market day', 'from the water'])) . '.' : null, chance(85) ? 'large' : 'full');
        elseif ($extra <= 62) $blocks[] = b_embed(chance(50) ? fill('Filmed at {place} ' . pick(['last summer', 'during the regatta', 'by a reader'])) . '.' : null);
        elseif ($extra <= 66 && count($pics) > 3) $blocks[] = b_gallery([pick($pics), pick($pics), pick($pics)], fill('Scenes from {place}.'));
        elseif ($extra <= 70) $blocks[] = b_pullquote(str_replace('{person}', person(), fill('"{thing} belongs to everyone in this town."')));
        elseif ($extra <= 73) $blocks[] = b_table();
        elseif ($extra <= 76) $blocks[] = b_separator();
    }
    return implode("\n\n", $blocks);
}

function classic_body($pics) {
    $parts = [];
    for ($p = mt_rand(3, 8); $p > 0; $p--) $parts[] = inline(sentences(mt_rand(2, 5)));
    if ($pics && chance(60)) {
        $pic = pick($pics);
        $src = $pic['sizes']['large'] ?? $pic['url'];
        array_splice($parts, 1, 0, "[caption id=\"attachment_{$pic['id']}\" align=\"aligncenter\" width=\"1024\"]<img class=\"size-large wp-image-{$pic['id']}\" src=\"$src\" alt=\"" . esc($pic['alt']) . "\" width=\"1024\" height=\"683\" /> " . esc(fill('Outside {place}.')) . '[/caption]');
    }
    if (chance(20)) $parts[] = 'https://www.youtube.com/watch?v=' . video_id();
    return implode("\n\n", $parts);
}

// People: an editor and reporters, each a WordPress user.
$staff = [];
foreach ([['mquillfeather', 'Maren Quillfeather', 'editor'], ['toduya', 'Tobiah Oduya', 'author'], ['ehensleigh', 'Eluned Hensleigh', 'author'],
    ['kszabo', 'Kasimir Szabo', 'author'], ['opennock', 'Odile Pennock', 'author'], ['rlindqvist', 'Ravi Lindqvist', 'author'],
    ['jfairbairn', 'Jonquil Fairbairn', 'contributor'], ['bdunmore', 'Bram Dunmore', 'author']] as [$login, $name, $role]) {
    $u = get_user_by('login', $login);
    $staff[] = $u ? $u->ID : wp_insert_user(['user_login' => $login, 'user_pass' => wp_generate_password(), 'display_name' => $name,
        'first_name' => explode(' ', $name)[0], 'last_name' => explode(' ', $name)[1], 'user_email' => "$login@wrenmouth.example",
        'role' => $role, 'description' => "$name reports for the Wrenmouth Tide."]);
}

// Sections: categories, some under a parent.
function category($name, $parent = 0, $description = '') {
    $t = term_exists($name, 'category', $parent);
    return $t ? (int) $t['term_id'] : (int) wp_insert_term($name, 'category', ['parent' => $parent, 'description' => $description])['term_id'];
}
$news = category('News', 0, 'What happened in Wrenmouth this week.');
$culture = category('Culture');
$sport = category('Sport');
$opinion = category('Opinion');
$leaves = [category('Council', $news), category('Harbour', $news), category('Schools', $news), category('Courts', $news),
    category('Music', $culture), category('Books', $culture), category('Theatre & Film', $culture), category('Rowing', $sport),
    category('Football', $sport), category('Letters', $opinion), category('Food & Drink'), category('Business')];
$tags = [];
foreach (WORDS['place'] as $p) $tags[] = ucfirst(str_replace('the ', '', $p));
foreach (WORDS['thing'] as $t) $tags[] = ucfirst(preg_replace('/^(the|a) /', '', $t));
foreach (['Weather', 'Tides', 'Elections', 'Planning', 'Heritage', 'Transport', 'Volunteers', 'Fundraising', 'Wildlife', 'Fishing', 'Festivals', 'Housing'] as $t) $tags[] = $t;

// Pictures: made here with GD, added as attachments with their sizes, as the media library does on upload.
$pics = [];
for ($i = 1; $i <= $PICTURES; $i++) {
    $month = sprintf('%04d/%02d', 2016 + intdiv($i * 8, $PICTURES + 1), 1 + $i % 12);
    $uploads = wp_upload_dir($month);
    $slug = sanitize_title(fill('{place}')) . "-tide-$i";
    $file = $uploads['path'] . "/$slug.jpg";
    $img = imagecreatetruecolor(1600, 1067);
    $sky = imagecolorallocate($img, mt_rand(90, 200), mt_rand(120, 210), mt_rand(170, 240));
    $sea = imagecolorallocate($img, mt_rand(10, 60), mt_rand(60, 110), mt_rand(90, 150));
    imagefilledrectangle($img, 0, 0, 1599, 640, $sky);
    imagefilledrectangle($img, 0, 641, 1599, 1066, $sea);
    for ($k = 0; $k < 25; $k++) imagefilledellipse($img, mt_rand(0, 1600), mt_rand(300, 1067), mt_rand(20, 300), mt_rand(10, 120),
        imagecolorallocate($img, mt_rand(0, 255), mt_rand(0, 255), mt_rand(0, 255)));
    imagejpeg($img, $file, 82);
    imagedestroy($img);
    $alt = chance(85) ? ucfirst(fill('{place}')) . ' ' . pick(['at low tide', 'on a grey morning', 'with boats moored', 'after the storm', 'in spring']) : '';
    $id = wp_insert_attachment(['post_title' => $slug, 'post_mime_type' => 'image/jpeg', 'post_status' => 'inherit', 'post_author' => pick($staff),
        'post_excerpt' => chance(60) ? 'Photograph: ' . person() . '.' : ''], $file);
    if ($alt !== '') update_post_meta($id, '_wp_attachment_image_alt', $alt);
    $meta = wp_generate_attachment_metadata($id, $file);
    wp_update_attachment_metadata($id, $meta);
    $url = wp_get_attachment_url($id);
    $sizes = [];
    foreach ($meta['sizes'] ?? [] as $name => $size) $sizes[$name] = dirname($url) . '/' . $size['file'];
    $pics[] = ['id' => $id, 'url' => $url, 'alt' => $alt, 'sizes' => $sizes];
}

// Stories, oldest first: the first tenth from the classic editor, the rest from the block editor.
$start = strtotime('2016-01-04 08:00:00 UTC');
$span = strtotime('2024-11-29 18:00:00 UTC') - $start;
for ($i = 0; $i < $POSTS; $i++) {
    $when = gmdate('Y-m-d H:i:s', $start + intdiv($span, $POSTS) * $i + mt_rand(0, 20000));
    $roll = mt_rand(1, 100);
    $status = $roll <= 90 ? 'publish' : ($roll <= 95 ? 'draft' : ($roll <= 97 ? 'pending' : ($roll <= 98 ? 'private' : 'future')));
    if ($status === 'future') $when = gmdate('Y-m-d H:i:s', strtotime('2031-01-01') + $i * 3600);
    $title = ucfirst(str_replace('{person}', person(), fill(pick(HEADLINES))));
    $cats = [pick($leaves)];
    if (chance(15)) $cats[] = pick($leaves);
    $postTags = [];
    for ($t = mt_rand(0, 5); $t > 0; $t--) $postTags[] = pick($tags);
    $content = $i < $POSTS / 10 ? classic_body($pics) : block_body($pics);
    $id = wp_insert_post(wp_slash(['post_title' => $title, 'post_content' => $content, 'post_author' => pick($staff), 'post_status' => $status,
        'post_date' => $when, 'post_date_gmt' => $when, 'post_category' => array_unique($cats), 'tags_input' => array_unique($postTags),
        'post_excerpt' => chance(60) ? sentences(1) : '', 'comment_status' => 'open']), true);
    if (is_wp_error($id)) { fwrite(STDERR, $id->get_error_message() . "\n"); exit(1); }
    if ($pics && chance(70)) set_post_thumbnail($id, pick($pics)['id']);
    if ($status === 'publish' && chance(8)) {
        for ($c = mt_rand(1, 4); $c > 0; $c--) wp_insert_comment(['comment_post_ID' => $id, 'comment_author' => person(),
            'comment_author_email' => 'reader' . mt_rand(1, 999) . '@example.net', 'comment_content' => sentences(mt_rand(1, 3)),
            'comment_date' => $when, 'comment_date_gmt' => $when, 'comment_approved' => 1]);
    }
    if ($i % 100 == 99) fwrite(STDERR, ($i + 1) . " posts\n");
}

foreach (['About the Tide' => 'The Wrenmouth Tide has been written and edited in the town since 1987.', 'Contact us' => 'Write to the newsroom above the chandlery on Gull Street.',
    'Corrections' => 'When we get something wrong, we say so here.', 'Advertise' => 'Reach every household between the harbour and Marsh End.'] as $title => $text) {
    wp_insert_post(wp_slash(['post_title' => $title, 'post_content' => b_paragraph(esc($text)) . "\n\n" . b_paragraph(esc(sentences(3))), 'post_status' => 'publish',
        'post_type' => 'page', 'post_author' => $staff[0]]));
}
wp_defer_term_counting(false);
update_option('wrenmouth_loaded', 1);
printf("loaded %d posts, %d pictures, %d users, %d categories, %d tags\n", $POSTS, count($pics), count($staff), count($leaves) + 4, count(array_unique($tags)));
