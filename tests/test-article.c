/* test-article.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "lectern-article.h"

/* Builds what reader mode's extraction script returns. */
static char *
make_json (const char *url,
           const char *title,
           const char *byline,
           const char *body)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *content = g_strconcat ("<body xmlns=\"http://www.w3.org/1999/xhtml\">", body, "</body>", NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "readerable");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, url);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "byline");
  if (byline != NULL)
    json_builder_add_string_value (builder, byline);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "siteName");
  json_builder_add_string_value (builder, "The Example Times");
  json_builder_set_member_name (builder, "publishedTime");
  json_builder_add_string_value (builder, "2026-11-20T08:30:00Z");
  json_builder_set_member_name (builder, "content");
  json_builder_add_string_value (builder, content);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

static LecternArticle *
make_article (const char *body)
{
  g_autofree char *json = make_json ("https://www.example-times.com/news/story/", "A story", "By A. Writer", body);
  g_autoptr(GError) error = NULL;
  LecternArticle *article = lectern_article_new_from_json (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (article);

  return article;
}

static void
test_text_layout (void)
{
  g_autoptr(LecternArticle) article = NULL;
  g_autofree char *text = NULL;

  article = make_article ("<div><p>First   paragraph,\n  with <em>emphasis</em>.</p>"
                          "<p>Second<br/>line two</p>"
                          "<ul><li>one</li><li><p>two</p></li></ul>"
                          "<pre>  code\n    indented</pre></div>");
  text = lectern_article_to_text (article);

  g_assert_cmpstr (text, ==,
                   "A story\nBy A. Writer\n\n"
                   "First paragraph, with emphasis.\n\n"
                   "Second\nline two\n\n"
                   "• one\n\n"
                   "• two\n\n"
                   "  code\n    indented\n");
  g_assert_cmpstr (lectern_article_get_title (article), ==, "A story");
  g_assert_cmpstr (lectern_article_get_byline (article), ==, "By A. Writer");
  g_assert_cmpstr (lectern_article_get_site (article), ==, "example-times.com");
}

static void
test_no_byline (void)
{
  g_autofree char *json = make_json ("http://www.example-times.com/a/", "Title only", NULL, "<p>Words here.</p>");
  g_autoptr(LecternArticle) article = lectern_article_new_from_json (json, NULL);
  g_autofree char *text = lectern_article_to_text (article);

  g_assert_cmpstr (text, ==, "Title only\n\nWords here.\n");
}

static void
test_byline_once (void)
{
  g_autoptr(LecternArticle) article = NULL;
  g_autofree char *text = NULL;

  /* The byline paragraph Readability left in the text goes: the byline is
   * shown above it. A later mention of the writer stays. */
  article = make_article ("<div><p class=\"byline\">BY A. WRITER</p><p>The story.</p>"
                          "<p>By A. Writer</p></div>");
  text = lectern_article_to_text (article);

  g_assert_cmpstr (text, ==, "A story\nBy A. Writer\n\nThe story.\n\nBy A. Writer\n");
}

static void
test_words (void)
{
  g_assert_cmpuint (lectern_article_count_words (""), ==, 0);
  g_assert_cmpuint (lectern_article_count_words ("One two, three—four."), ==, 4);
  g_assert_cmpuint (lectern_article_count_words ("don’t well-known 42"), ==, 3);
  /* Han characters count one each. */
  g_assert_cmpuint (lectern_article_count_words ("人工智能 AI"), ==, 5);

  g_assert_cmpuint (lectern_article_reading_minutes_for (0), ==, 1);
  g_assert_cmpuint (lectern_article_reading_minutes_for (230), ==, 1);
  g_assert_cmpuint (lectern_article_reading_minutes_for (1150), ==, 5);
}

static void
test_consent_text (void)
{
  g_assert_true (lectern_article_is_consent_text ("We use cookies to improve your experience."));
  g_assert_true (lectern_article_is_consent_text ("Accept all"));
  g_assert_true (lectern_article_is_consent_text ("  Reject All. "));
  g_assert_true (lectern_article_is_consent_text ("We and our partners store and/or access information on a device."));
  g_assert_true (lectern_article_is_consent_text ("You can withdraw your consent at any time by clicking Manage "
                                                  "preferences at the bottom of every page."));
  g_assert_false (lectern_article_is_consent_text ("The council voted to accept the plan."));
  g_assert_false (lectern_article_is_consent_text ("She baked cookies for the whole street."));
  g_assert_false (lectern_article_is_consent_text ("Regulators said the law on cookies would change next year."));

  g_assert_true (lectern_article_is_consent_heading ("Cookie Policy"));
  g_assert_true (lectern_article_is_consent_heading ("We value your privacy"));
  g_assert_false (lectern_article_is_consent_heading ("What happens next"));
  g_assert_false (lectern_article_is_consent_heading ("A history of the fortune cookie"));
}

static void
test_consent_removed (void)
{
  g_autoptr(LecternArticle) article = NULL;
  g_autofree char *text = NULL;
  g_autofree char *html = NULL;

  article = make_article ("<p>The bridge opened on Thursday.</p>"
                          "<div id=\"cookie-banner\"><p>Anything at all in here.</p></div>"
                          "<p>This website uses cookies and similar technologies.</p>"
                          "<h2>Cookie policy</h2><p>Policy text one.</p><h3>Analytics</h3><p>Policy text two.</p>"
                          "<h2>What happens next</h2><p>The path reopens at Easter.</p>"
                          "<p>Accept all</p>");
  text = lectern_article_to_text (article);
  html = lectern_article_dup_body_html (article);

  g_assert_cmpstr (text, ==,
                   "A story\nBy A. Writer\n\n"
                   "The bridge opened on Thursday.\n\n"
                   "What happens next\n\n"
                   "The path reopens at Easter.\n");
  g_assert_null (strstr (html, "Policy text"));
  g_assert_null (strstr (html, "Anything at all"));
  g_assert_null (strstr (html, "uses cookies"));
  g_assert_nonnull (strstr (html, "The path reopens at Easter."));
  g_assert_cmpuint (lectern_article_get_n_consent_removed (article), >=, 5);
  g_assert_cmpuint (lectern_article_get_n_words (article), ==, 13);
}

static void
test_images (void)
{
  g_autoptr(LecternArticle) article = NULL;
  g_autofree char *html = NULL;
  GPtrArray *blocked;

  article = make_article ("<p>Text.</p>"
                          "<img src=\"/img/a.jpg\" alt=\"own\"/>"
                          "<img src=\"data:image/gif;base64,R0lGOD\" data-src=\"https://static.example-times.com/b.jpg\"/>"
                          "<img srcset=\"https://cdn.example-times.com/c-480.jpg 480w, https://cdn.example-times.com/c-960.jpg 960w\"/>"
                          "<img src=\"https://images.other-agency.net/d.jpg\" alt=\"agency &lt;photo&gt;\"/>");
  html = lectern_article_dup_body_html (article);

  g_assert_nonnull (strstr (html, "<img src=\"https://www.example-times.com/img/a.jpg\" alt=\"own\">"));
  g_assert_nonnull (strstr (html, "<img src=\"https://static.example-times.com/b.jpg\">"));
  g_assert_nonnull (strstr (html, "<img src=\"https://cdn.example-times.com/c-960.jpg\">"));
  g_assert_null (strstr (html, "<img src=\"https://images.other-agency.net"));
  g_assert_nonnull (strstr (html, "class=\"lectern-image-placeholder\""));
  g_assert_nonnull (strstr (html, "title=\"agency &lt;photo&gt;\""));

  blocked = lectern_article_get_blocked_images (article);
  g_assert_cmpuint (blocked->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (blocked, 0), ==, "https://images.other-agency.net/d.jpg");

  /* Once the reader asks for it, it loads. */
  lectern_article_allow_image (article, "https://images.other-agency.net/d.jpg");
  lectern_article_allow_image (article, "https://evil.example.net/not-in-the-article.jpg");
  g_clear_pointer (&html, g_free);
  html = lectern_article_dup_body_html (article);
  g_assert_nonnull (strstr (html, "<img src=\"https://images.other-agency.net/d.jpg\""));
  g_assert_cmpuint (lectern_article_get_blocked_images (article)->len, ==, 0);
}

static void
test_sanitized_again (void)
{
  g_autoptr(LecternArticle) article = NULL;
  g_autofree char *html = NULL;

  /* DOMPurify runs first; this is the second line of defence. */
  article = make_article ("<p onclick=\"alert(1)\" style=\"color:red\">Hi <a href=\"javascript:alert(1)\">x</a>"
                          " <a href=\"/rel\">rel</a></p>"
                          "<script>alert(1)</script><iframe src=\"https://ads.example.net/\"></iframe>"
                          "<h1>Inner title</h1><custom-tag>kept text</custom-tag>");
  html = lectern_article_dup_body_html (article);

  g_assert_null (strstr (html, "onclick"));
  g_assert_null (strstr (html, "style"));
  g_assert_null (strstr (html, "javascript:"));
  g_assert_null (strstr (html, "<script"));
  g_assert_null (strstr (html, "alert(1)</"));
  g_assert_null (strstr (html, "iframe"));
  g_assert_null (strstr (html, "<h1"));
  g_assert_null (strstr (html, "custom-tag"));
  g_assert_nonnull (strstr (html, "<h2>Inner title</h2>"));
  g_assert_nonnull (strstr (html, "kept text"));
  g_assert_nonnull (strstr (html, "<a href=\"https://www.example-times.com/rel\" rel=\"noreferrer\">rel</a>"));
}

static void
test_render_page (void)
{
  g_autofree char *json = make_json ("https://www.example-times.com/s/", "<script>alert(\"t\")</script> & co",
                                     "<img src=x onerror=alert(1)>", "<p>Body @TITLE@ text.</p>");
  g_autoptr(LecternArticle) article = lectern_article_new_from_json (json, NULL);
  LecternReaderLook look = { LECTERN_READER_THEME_SEPIA, LECTERN_READER_FONT_SANS, 22, 70 };
  g_autofree char *page = NULL;

  page = lectern_article_render_page (article,
                                      "<html data-theme=\"@THEME@\" data-font=\"@FONT@\">"
                                      "<meta http-equiv=\"Content-Security-Policy\" content=\"@CSP@\">"
                                      "<style>@CSS@ :root{--s:@FONT_SIZE@px;--w:@LINE_WIDTH@ch}</style>"
                                      "<h1>@TITLE@</h1><p>@BYLINE@</p><p>@META@</p>@CONTENT@ mail@example.com",
                                      "p { color: red }", &look);

  g_assert_nonnull (strstr (page, "data-theme=\"sepia\" data-font=\"sans\""));
  g_assert_nonnull (strstr (page, "script-src &apos;none&apos;"));
  g_assert_nonnull (strstr (page, "default-src &apos;none&apos;"));
  g_assert_nonnull (strstr (page, "img-src data: http://example-times.com http://*.example-times.com "
                                  "https://example-times.com https://*.example-times.com"));
  g_assert_nonnull (strstr (page, "<h1>&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; &amp; co</h1>"));
  g_assert_nonnull (strstr (page, "<p>&lt;img src=x onerror=alert(1)&gt;</p>"));
  g_assert_null (strstr (page, "<script"));
  /* A placeholder inside the article's text is text, never filled in. */
  g_assert_nonnull (strstr (page, "Body @TITLE@ text."));
  g_assert_nonnull (strstr (page, "--s:22px;--w:70ch"));
  g_assert_nonnull (strstr (page, "p { color: red }"));
  g_assert_nonnull (strstr (page, "The Example Times · 20 November 2026 · 1 minute read"));
  g_assert_true (g_str_has_suffix (page, " mail@example.com"));
}

static void
test_not_article (void)
{
  g_autoptr(GError) error = NULL;
  LecternArticle *article;

  article = lectern_article_new_from_json ("{\"readerable\": false}", &error);
  g_assert_null (article);
  g_assert_error (error, LECTERN_ARTICLE_ERROR, LECTERN_ARTICLE_ERROR_NOT_ARTICLE);
  g_clear_error (&error);

  article = lectern_article_new_from_json ("not json", &error);
  g_assert_null (article);
  g_assert_error (error, LECTERN_ARTICLE_ERROR, LECTERN_ARTICLE_ERROR_INVALID);
  g_clear_error (&error);

  article = lectern_article_new_from_json ("{\"readerable\": true, \"url\": \"http://a.example.com/\", "
                                           "\"content\": \"<body><p>unclosed</body>\"}", &error);
  g_assert_null (article);
  g_assert_error (error, LECTERN_ARTICLE_ERROR, LECTERN_ARTICLE_ERROR_INVALID);
  g_clear_error (&error);

  /* Only consent text: nothing is left, so it is no article. */
  article = lectern_article_new_from_json ("{\"readerable\": true, \"url\": \"http://a.example.com/\", "
                                           "\"content\": \"<body><p>We use cookies.</p></body>\"}", &error);
  g_assert_null (article);
  g_assert_error (error, LECTERN_ARTICLE_ERROR, LECTERN_ARTICLE_ERROR_NOT_ARTICLE);
}

/* A page's title, byline and text cannot drive the terminal the article
 * is printed in: its controls are shown escaped, its line breaks kept. */
static void
test_text_escaped (void)
{
  g_autofree char *json = make_json ("http://www.example-times.com/a/",
                                     "\x1b]0;Owned\x07Headline\x1b[2J", "By \xe2\x80\xae" "A. Writer",
                                     "<p>One \xe2\x80\xae" "reversed.</p><p>Two\x1b[31m red.</p>");
  g_autoptr(GError) error = NULL;
  g_autoptr(LecternArticle) article = lectern_article_new_from_json (json, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = lectern_article_to_text (article);

  g_assert_cmpstr (text, ==,
                   "\\x1b]0;Owned\\x07Headline\\x1b[2J\n"
                   "By \\u202eA. Writer\n\n"
                   "One \\u202ereversed.\n\n"
                   "Two\\x1b[31m red.\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/lectern/article/text-layout", test_text_layout);
  g_test_add_func ("/lectern/article/no-byline", test_no_byline);
  g_test_add_func ("/lectern/article/byline-once", test_byline_once);
  g_test_add_func ("/lectern/article/words", test_words);
  g_test_add_func ("/lectern/article/consent-text", test_consent_text);
  g_test_add_func ("/lectern/article/consent-removed", test_consent_removed);
  g_test_add_func ("/lectern/article/images", test_images);
  g_test_add_func ("/lectern/article/sanitized-again", test_sanitized_again);
  g_test_add_func ("/lectern/article/render-page", test_render_page);
  g_test_add_func ("/lectern/article/not-article", test_not_article);
  g_test_add_func ("/lectern/article/text-escaped", test_text_escaped);

  return g_test_run ();
}
