<?php
// wordpress-content.php — fills the peer WordPress (../../../../../../shared/peers/setup-wordpress.sh) with a small,
// invented publication through WordPress's own functions, so its own exporter can write the fixture.
// Run as www-data: php wordpress-content.php
$_SERVER['HTTP_HOST'] = getenv('PEER_WP_HOST') ?: '127.0.0.1:8081';
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
wp_set_current_user(1);
update_option('permalink_structure', '/%year%/%monthnum%/%day%/%postname%/');

function user_id($login, $name) {
    $u = get_user_by('login', $login);
    if ($u) return $u->ID;
    return wp_insert_user(['user_login' => $login, 'user_pass' => wp_generate_password(), 'display_name' => $name,
        'user_email' => "$login@fixture.example", 'role' => 'author', 'description' => "$name writes for the Millbrook Courier."]);
}
function term_id($name, $taxonomy, $parent = 0) {
    $t = term_exists($name, $taxonomy);
    if ($t) return (int) $t['term_id'];
    return (int) wp_insert_term($name, $taxonomy, ['parent' => $parent])['term_id'];
}
function post($title, $content, $author, $status, $date, $cats, $tags = [], $excerpt = '', $type = 'post') {
    $existing = get_page_by_title($title, OBJECT, $type);
    if ($existing) return $existing->ID;
    return wp_insert_post(['post_title' => $title, 'post_content' => $content, 'post_author' => $author, 'post_status' => $status,
        'post_date' => $date, 'post_date_gmt' => get_gmt_from_date($date), 'post_category' => $cats, 'tags_input' => $tags,
        'post_excerpt' => $excerpt, 'post_type' => $type], true);
}

$hana = user_id('hana', 'Hana Ostrowski');
$felix = user_id('felix', 'Félix Amadi');
$town = term_id('Town', 'category');
$planning = term_id('Planning', 'category', $town);
$food = term_id('Food & Drink', 'category');

// A picture made here, so the export references a real attachment.
$uploads = wp_upload_dir('2024/03');
$file = $uploads['path'] . '/mill-pond.png';
if (!file_exists($file)) {
    $img = imagecreatetruecolor(640, 400);
    imagefill($img, 0, 0, imagecolorallocate($img, 40, 90, 140));
    imagepng($img, $file);
}
$attachment = get_page_by_title('mill-pond', OBJECT, 'attachment');
$attachment_id = $attachment ? $attachment->ID : wp_insert_attachment(['post_title' => 'mill-pond', 'post_mime_type' => 'image/png',
    'post_excerpt' => 'The mill pond in March.', 'post_status' => 'inherit'], $file);
update_post_meta($attachment_id, '_wp_attachment_image_alt', 'A still pond reflecting a brick mill');
wp_update_attachment_metadata($attachment_id, wp_generate_attachment_metadata($attachment_id, $file));
$src = wp_get_attachment_url($attachment_id);

$blocks = <<<HTML
<!-- wp:paragraph -->
<p>The town council has approved the plan to <strong>reopen the mill pond path</strong>, closed since the flood of 2019.</p>
<!-- /wp:paragraph -->

<!-- wp:heading -->
<h2 class="wp-block-heading">What the plan says</h2>
<!-- /wp:heading -->

<!-- wp:list -->
<ul class="wp-block-list"><!-- wp:list-item -->
<li>A raised boardwalk along the east bank</li>
<!-- /wp:list-item -->

<!-- wp:list-item -->
<li>New railings at the sluice</li>
<!-- /wp:list-item --></ul>
<!-- /wp:list -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><!-- wp:paragraph -->
<p>People have walked that path for two hundred years. Four years without it was long enough.</p>
<!-- /wp:paragraph --><cite>Councillor Ines Varga</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:pullquote -->
<figure class="wp-block-pullquote"><blockquote><p>Four years without it was long enough.</p></blockquote></figure>
<!-- /wp:pullquote -->

<!-- wp:image {"id":$attachment_id,"sizeSlug":"full"} -->
<figure class="wp-block-image size-full"><img src="$src" alt="A still pond reflecting a brick mill" class="wp-image-$attachment_id"/><figcaption class="wp-element-caption">The pond from the old bridge.</figcaption></figure>
<!-- /wp:image -->

<!-- wp:embed {"url":"https://www.youtube.com/watch?v=Mb3Qw7xT9sA","type":"video","providerNameSlug":"youtube","responsive":true} -->
<figure class="wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube"><div class="wp-block-embed__wrapper">
https://www.youtube.com/watch?v=Mb3Qw7xT9sA
</div></figure>
<!-- /wp:embed -->

<!-- wp:table -->
<figure class="wp-block-table"><table><tbody><tr><td>Cost</td><td>£84,000</td></tr><tr><td>Opens</td><td>September</td></tr></tbody></table></figure>
<!-- /wp:table -->
HTML;

$first = post('Mill pond path to reopen after four years', $blocks, $hana, 'publish', '2024-03-12 09:15:00', [$planning], ['Flood', 'Council'],
    'The council approves a boardwalk along the east bank.');
set_post_thumbnail($first, $attachment_id);
post('The bakery that opens at four', "Dorota Wiśniewska starts the ovens before anyone else on Bridge Street is awake.\n\nHer rye sells out by nine.", $felix, 'publish',
    '2023-11-04 07:00:00', [$food], ['Bakeries']);
post('Budget meeting: notes', '<p>To be written up after Thursday.</p>', $hana, 'draft', '2024-04-01 10:00:00', [$town]);
post('Summer fair line-up', '<p>Brass band, dog show, and a new cheese tent.</p>', $felix, 'future', '2031-06-01 08:00:00', [$town], ['Fair']);
post('Letters: the bus shelter', '<p>Readers on the new shelter.</p>', $felix, 'pending', '2024-04-02 10:00:00', [$town]);
post('About the Courier', '<p>The Millbrook Courier has covered the town since 1952.</p>', $hana, 'publish', '2020-01-01 00:00:00', [], [], '', 'page');
echo "content loaded\n";
