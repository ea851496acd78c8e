/* test-article-run.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lectern-fixture-web.h"
#include "lectern-test-utils.h"

/* `lectern --article` run the way users and scripts run it, against pages
 * served by the fixture web: Mozilla Readability's own test pages (compared
 * word by word with the article Readability's suite expects), and a page of
 * ours whose article element holds a consent banner and a cookie policy. */

#define CONSENT_ARTICLE_URL "http://www.riverbend-chronicle.com/news/2026/bridge-reopens/"
#define NOT_ARTICLE_URL     "http://www.riverbend-chronicle.com/"
#define HOSTILE_URL         "http://www.riverbend-chronicle.com/news/2026/hostile-page/"

/* Readability's suite parses every page as this address. */
#define FIXTURE_PAGE_HOST   "fakehost"
#define FIXTURE_PAGE_URL    "http://fakehost/test/page.html"

#define MIN_SIMILARITY 0.95

/* Pages allowed below MIN_SIMILARITY, each with the reason. Empty: every
 * development page reaches it. */
static const struct
{
  const char *name;
  const char *why;
} known_below[] = {
  { NULL, NULL },
};

typedef struct
{
  int   status;
  char *out;
  char *err;
} RunResult;

static void
run_result_clear (RunResult *result)
{
  g_free (result->out);
  g_free (result->err);
}

static void
run_lectern (const char *proxy,
             const char *mode,
             const char *url,
             RunResult  *result)
{
  g_autofree char *lectern = lectern_test_dup_lectern_path ();
  g_autofree char *data_dir = lectern_test_dup_tmp_dir ("lectern-article-XXXXXX");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              lectern, "--data-dir", data_dir, "--proxy", proxy, "--timeout", "60",
                              mode, url, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);

  lectern_test_rm_rf (data_dir, NULL);
}

/* Words, lower case: runs of letters and digits, and each Han or kana
 * character on its own, as lectern_article_count_words() counts them. */
static GPtrArray *
split_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  GString *word = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeScript script = g_unichar_get_script (c);

      if (script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HIRAGANA ||
          script == G_UNICODE_SCRIPT_KATAKANA)
        {
          if (word->len > 0)
            g_ptr_array_add (words, g_utf8_strdown (word->str, -1));
          g_string_truncate (word, 0);
          g_string_append_unichar (word, c);
          g_ptr_array_add (words, g_strdup (word->str));
          g_string_truncate (word, 0);
        }
      else if (g_unichar_isalnum (c))
        g_string_append_unichar (word, c);
      else if (word->len > 0)
        {
          g_ptr_array_add (words, g_utf8_strdown (word->str, -1));
          g_string_truncate (word, 0);
        }
    }

  if (word->len > 0)
    g_ptr_array_add (words, g_utf8_strdown (word->str, -1));
  g_string_free (word, TRUE);

  return words;
}

/* 2 × longest common subsequence / total length: 1.0 for the same words
 * in the same order. */
static double
similarity (GPtrArray *a,
            GPtrArray *b)
{
  g_autofree guint *previous = NULL;
  g_autofree guint *current = NULL;

  if (a->len + b->len == 0)
    return 1.0;

  previous = g_new0 (guint, b->len + 1);
  current = g_new0 (guint, b->len + 1);

  for (guint i = 1; i <= a->len; i++)
    {
      const char *word = g_ptr_array_index (a, i - 1);
      guint *swap;

      for (guint j = 1; j <= b->len; j++)
        {
          if (g_str_equal (word, g_ptr_array_index (b, j - 1)))
            current[j] = previous[j - 1] + 1;
          else
            current[j] = MAX (previous[j], current[j - 1]);
        }

      swap = previous;
      previous = current;
      current = swap;
    }

  return 2.0 * previous[b->len] / (a->len + b->len);
}

/* The text of an HTML fragment, as a person reads it: tags out, character
 * references decoded. */
static char *
html_to_text (const char *html)
{
  static const struct { const char *name; const char *text; } entities[] = {
    { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
    { "nbsp", " " }, { "mdash", "—" }, { "ndash", "–" }, { "hellip", "…" }, { "rsquo", "’" },
    { "lsquo", "‘" }, { "rdquo", "”" }, { "ldquo", "“" }, { "copy", "©" }, { "eacute", "é" },
  };
  static const char * const inline_tags[] = {
    "a", "abbr", "b", "cite", "code", "em", "i", "mark", "q", "s", "small", "span", "strong", "sub",
    "sup", "time", "u", NULL,
  };
  GString *str = g_string_new (NULL);
  const char *p = html;

  while (*p != '\0')
    {
      if (*p == '<')
        {
          const char *end = strchr (p, '>');
          const char *name = p + 1 + (p[1] == '/');
          gsize length = strcspn (name, " \t\n/>");
          g_autofree char *tag = g_ascii_strdown (name, length);

          if (end == NULL)
            break;
          /* Inline elements join their neighbours' words ("</a>next"). */
          if (!g_strv_contains (inline_tags, tag))
            g_string_append_c (str, ' ');
          p = end + 1;
        }
      else if (*p == '&')
        {
          const char *end = strchr (p, ';');
          gboolean done = FALSE;

          if (end != NULL && end - p < 12)
            {
              g_autofree char *name = g_strndup (p + 1, end - p - 1);

              if (name[0] == '#')
                {
                  gunichar c = name[1] == 'x' || name[1] == 'X'
                                 ? (gunichar) g_ascii_strtoull (name + 2, NULL, 16)
                                 : (gunichar) g_ascii_strtoull (name + 1, NULL, 10);

                  if (g_unichar_validate (c) && c != 0)
                    {
                      g_string_append_unichar (str, c);
                      done = TRUE;
                    }
                }
              else
                {
                  for (guint i = 0; i < G_N_ELEMENTS (entities) && !done; i++)
                    {
                      if (g_str_equal (name, entities[i].name))
                        {
                          g_string_append (str, entities[i].text);
                          done = TRUE;
                        }
                    }
                }
            }

          if (done)
            p = end + 1;
          else
            g_string_append_c (str, *p++);
        }
      else
        g_string_append_c (str, *p++);
    }

  return g_string_free (str, FALSE);
}

static char *
dup_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  return contents;
}

static const char *
find_articles_dir (void)
{
  static char *dir = NULL;

  if (dir == NULL)
    dir = g_build_filename (SOURCE_ROOT, "..", "shared", "fixtures", "articles", NULL);

  return dir;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
is_known_below (const char  *name,
                const char **why)
{
  for (guint i = 0; known_below[i].name != NULL; i++)
    {
      if (g_str_equal (known_below[i].name, name))
        {
          *why = known_below[i].why;
          return TRUE;
        }
    }

  return FALSE;
}

static void
test_readability_pages (void)
{
  const char *articles = find_articles_dir ();
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) failures = g_string_new (NULL);
  g_autofree char *root = NULL;
  g_autofree char *page_dir = NULL;
  double total = 0;
  const char *name;

  if (!g_file_test (articles, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("The Readability test pages (shared/fixtures/articles beside the source tree) are not here");
      return;
    }

  dir = g_dir_open (articles, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_assert_cmpuint (names->len, >, 0);

  /* Each page is served as Readability's suite parses it, from
   * http://fakehost/test/page.html, so its links and pictures resolve
   * as in the expected article. */
  root = lectern_test_dup_tmp_dir ("lectern-articles-XXXXXX");
  page_dir = g_build_filename (root, FIXTURE_PAGE_HOST, "test", NULL);
  g_assert_cmpint (g_mkdir_with_parents (page_dir, 0700), ==, 0);

  for (guint i = 0; i < names->len; i++)
    {
      const char *page = g_ptr_array_index (names, i);
      g_autofree char *source_path = g_build_filename (articles, page, "source.html", NULL);
      g_autofree char *expected_path = g_build_filename (articles, page, "expected.html", NULL);
      g_autofree char *metadata_path = g_build_filename (articles, page, "expected-metadata.json", NULL);
      g_autofree char *served_path = g_build_filename (page_dir, "page.html", NULL);
      g_autofree char *source = dup_file (source_path);
      g_autofree char *expected_html = dup_file (expected_path);
      g_autofree char *expected_text = html_to_text (expected_html);
      g_autoptr(LecternFixtureWeb) web = NULL;
      g_autoptr(GPtrArray) expected_words = NULL;
      g_autoptr(GPtrArray) actual_words = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *proxy = NULL;
      RunResult result = { 0 };
      const char *body;
      const char *expected_title;
      const char *expected_byline;
      g_autofree char *header = NULL;
      const char *why = NULL;
      double ratio;

      g_file_set_contents (served_path, source, -1, &error);
      g_assert_no_error (error);

      web = lectern_fixture_web_new (root, &error);
      g_assert_no_error (error);
      proxy = lectern_fixture_web_dup_proxy_uri (web);

      run_lectern (proxy, "--article", FIXTURE_PAGE_URL, &result);

      if (result.status != 0)
        g_error ("%s: lectern --article exited with %d: %s", page, result.status, result.err);

      /* The body starts after the title and byline. */
      body = strstr (result.out, "\n\n");
      g_assert_nonnull (body);

      expected_words = split_words (expected_text);
      actual_words = split_words (body);
      ratio = similarity (expected_words, actual_words);
      total += ratio;

      json_parser_load_from_file (parser, metadata_path, &error);
      g_assert_no_error (error);
      expected_title = json_object_get_string_member_with_default (json_node_get_object (json_parser_get_root (parser)),
                                                                   "title", NULL);
      expected_byline = json_object_get_string_member_with_default (json_node_get_object (json_parser_get_root (parser)),
                                                                    "byline", NULL);

      g_test_message ("%-20s similarity %.4f (%u expected words, %u printed)",
                      page, ratio, expected_words->len, actual_words->len);

      /* The header is the title, then the byline when there is one, as
       * Readability's suite expects them. */
      if (expected_byline != NULL)
        header = g_strdup_printf ("%s\n%s\n\n", expected_title, expected_byline);
      else
        header = g_strdup_printf ("%s\n\n", expected_title);
      if (!g_str_has_prefix (result.out, header))
        g_string_append_printf (failures, " %s (title or byline)", page);

      if (ratio < MIN_SIMILARITY)
        {
          if (is_known_below (page, &why))
            g_test_message ("%s is below %.2f, as known: %s", page, MIN_SIMILARITY, why);
          else
            g_string_append_printf (failures, " %s (%.4f)", page, ratio);
        }

      run_result_clear (&result);
    }

  g_test_message ("Mean similarity over %u pages: %.4f", names->len, total / names->len);
  lectern_test_rm_rf (root, NULL);

  if (failures->len > 0)
    g_error ("Pages below %.2f word-level similarity, or with another title or byline:%s",
             MIN_SIMILARITY, failures->str);
}

/* Sentences of the consent banner, the notice and the cookie policy that
 * the page puts inside its article element. */
static const char * const consent_sentences[] = {
  "We use cookies to give you the best experience",
  "Accept all",
  "Reject all",
  "Manage preferences",
  "This website uses cookies and similar technologies",
  "Cookie policy",
  "This cookie policy explains",
  "Strictly necessary cookies keep you signed in",
  "You can withdraw your consent",
  "We value your privacy",
  "I Accept",
};

static const char * const article_sentences[] = {
  "The Old Mill Bridge opened to walkers and cyclists again on Thursday morning",
  "A small crowd gathered on the east bank before seven o'clock",
  "The repairs cost the county just over four million pounds",
  "Engineers from the county's heritage team said the cracks",
  "What happens next",
  "The county council says the bridge will stay closed to cars for good.",
  "I never thought I would miss a bridge this much.",
};

static void
test_consent_in_article (void)
{
  g_autoptr(LecternFixtureWeb) web = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *proxy = NULL;
  RunResult result = { 0 };

  web = lectern_fixture_web_new (lectern_test_get_web_root (), &error);
  g_assert_no_error (error);
  proxy = lectern_fixture_web_dup_proxy_uri (web);

  run_lectern (proxy, "--article", CONSENT_ARTICLE_URL, &result);
  g_assert_cmpint (result.status, ==, 0);

  /* The byline is printed once, above the text, though the page has it
   * both in its metadata and as the article's first paragraph. */
  g_assert_true (g_str_has_prefix (result.out, "Old Mill Bridge reopens after two years of repairs\n"
                                               "Priya Okonkwo\n\n"
                                               "The Old Mill Bridge opened"));
  g_assert_null (strstr (result.out, "By Priya Okonkwo"));

  for (guint i = 0; i < G_N_ELEMENTS (article_sentences); i++)
    {
      if (strstr (result.out, article_sentences[i]) == NULL)
        g_error ("The article lost “%s”:\n%s", article_sentences[i], result.out);
    }

  for (guint i = 0; i < G_N_ELEMENTS (consent_sentences); i++)
    {
      if (strstr (result.out, consent_sentences[i]) != NULL)
        g_error ("Consent text “%s” is in the article:\n%s", consent_sentences[i], result.out);
    }

  /* Paragraphs are separated by one blank line, and the caption is one. */
  g_assert_nonnull (strstr (result.out, "\n\nThe bridge at dawn, seen from the east bank.\n\n"));
  g_assert_null (strstr (result.out, "\n\n\n"));

  run_result_clear (&result);
}

/* The page replaces JSON.stringify, Readability, DOMPurify, the reader's
 * own entry point, cloneNode and XMLSerializer in its script world: reader
 * mode runs in another one and sees none of it. */
static void
test_hostile_page (void)
{
  g_autoptr(LecternFixtureWeb) web = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *proxy = NULL;
  RunResult result = { 0 };

  web = lectern_fixture_web_new (lectern_test_get_web_root (), &error);
  g_assert_no_error (error);
  proxy = lectern_fixture_web_dup_proxy_uri (web);

  run_lectern (proxy, "--article", HOSTILE_URL, &result);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_null (strstr (result.out, "PWNED"));
  g_assert_true (g_str_has_prefix (result.out, "Library extends its opening hours"));
  g_assert_nonnull (strstr (result.out, "The town library will stay open until eight o'clock"));
  g_assert_nonnull (strstr (result.out, "Readers can renew their books online"));
  g_assert_nonnull (strstr (result.out, "said the head librarian, Tomasz Brennan."));
  g_assert_null (strstr (result.out, "scripted"));
  run_result_clear (&result);
}

static void
test_not_article (void)
{
  g_autoptr(LecternFixtureWeb) web = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *proxy = NULL;
  RunResult result = { 0 };

  web = lectern_fixture_web_new (lectern_test_get_web_root (), &error);
  g_assert_no_error (error);
  proxy = lectern_fixture_web_dup_proxy_uri (web);

  run_lectern (proxy, "--article", NOT_ARTICLE_URL, &result);
  g_assert_cmpint (result.status, ==, 3);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_nonnull (strstr (result.err, "is not an article"));
  run_result_clear (&result);

  /* A page that fails to load is status 2, not 3. */
  run_lectern (proxy, "--article", "http://www.riverbend-chronicle.com/no-such-story/", &result);
  g_assert_cmpint (result.status, ==, 2);
  run_result_clear (&result);
}

static void
test_report_article (void)
{
  g_autoptr(LecternFixtureWeb) web = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *proxy = NULL;
  RunResult result = { 0 };
  JsonObject *report;
  JsonObject *article;

  web = lectern_fixture_web_new (lectern_test_get_web_root (), &error);
  g_assert_no_error (error);
  proxy = lectern_fixture_web_dup_proxy_uri (web);

  run_lectern (proxy, "--report=json", CONSENT_ARTICLE_URL, &result);
  g_assert_cmpint (result.status, ==, 0);
  json_parser_load_from_data (parser, result.out, -1, &error);
  g_assert_no_error (error);
  report = json_node_get_object (json_parser_get_root (parser));
  article = json_object_get_object_member (report, "article");
  g_assert_nonnull (article);
  g_assert_cmpstr (json_object_get_string_member (article, "title"), ==,
                   "Old Mill Bridge reopens after two years of repairs");
  /* The article has about 330 words once the consent text is out. */
  g_assert_cmpint (json_object_get_int_member (article, "words"), >, 250);
  g_assert_cmpint (json_object_get_int_member (article, "words"), <, 420);
  g_assert_cmpint (json_object_get_int_member (article, "reading_minutes"), ==, 1);
  run_result_clear (&result);

  /* A page that is no article has "article": null. */
  g_clear_object (&parser);
  parser = json_parser_new ();
  run_lectern (proxy, "--report=json", NOT_ARTICLE_URL, &result);
  g_assert_cmpint (result.status, ==, 0);
  json_parser_load_from_data (parser, result.out, -1, &error);
  g_assert_no_error (error);
  report = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_has_member (report, "article"));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (report, "article")));
  run_result_clear (&result);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lectern/article-run/readability-pages", test_readability_pages);
  g_test_add_func ("/lectern/article-run/consent-in-article", test_consent_in_article);
  g_test_add_func ("/lectern/article-run/hostile-page", test_hostile_page);
  g_test_add_func ("/lectern/article-run/not-article", test_not_article);
  g_test_add_func ("/lectern/article-run/report-article", test_report_article);

  return g_test_run ();
}
