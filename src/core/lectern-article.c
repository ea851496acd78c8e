/* lectern-article.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-article.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lectern-article-consent.h"
#include "lectern-article-private.h"
#include "lectern-article-render.h"
#include "lectern-party.h"

/**
 * LecternArticle:
 *
 * An article as reader mode found it: Readability's result, sanitized by
 * DOMPurify in the page's isolated world and handed over as XHTML. Here it
 * is read again with an XML parser and everything reader mode shows is
 * decided: which blocks are consent banners or cookie policies (dropped),
 * which images may load (those of the article's own site), the plain text
 * of `lectern --article`, the word count and reading time, and the reader
 * page itself. The XHTML becomes a tree in lectern-article-tree.c, consent
 * text is found in lectern-article-consent.c, and the text and the page are
 * written in lectern-article-render.c, which writes out only the elements
 * and attributes it lists, so whatever DOMPurify let through, the reader
 * page holds no script.
 */

/* Words a minute of an adult reading for understanding, and characters a
 * minute for scripts written without spaces (Chinese, Japanese). */
#define WORDS_PER_MINUTE 230
#define CJK_CHARS_PER_MINUTE 400

G_DEFINE_QUARK (lectern-article-error-quark, lectern_article_error)

static gboolean
is_cjk (gunichar c)
{
  GUnicodeScript script = g_unichar_get_script (c);

  return script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HIRAGANA ||
         script == G_UNICODE_SCRIPT_KATAKANA || script == G_UNICODE_SCRIPT_HANGUL;
}

/**
 * lectern_article_count_words:
 * @text: UTF-8 text
 *
 * Counts words as runs of letters or digits; in scripts written without
 * spaces (Han, kana), each character counts as a word.
 *
 * Returns: the number of words
 */
guint
lectern_article_count_words (const char *text)
{
  gboolean in_word = FALSE;
  guint n = 0;

  g_return_val_if_fail (text != NULL, 0);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_cjk (c) && g_unichar_get_script (c) != G_UNICODE_SCRIPT_HANGUL)
        {
          n++;
          in_word = FALSE;
        }
      else if (g_unichar_isalnum (c) || c == '\'' || c == 0x2019 || (in_word && c == '-'))
        {
          if (!in_word)
            n++;
          in_word = TRUE;
        }
      else
        in_word = FALSE;
    }

  return n;
}

/**
 * lectern_article_reading_minutes_for:
 * @n_words: a number of words
 *
 * Returns: the minutes an adult takes to read that many words, at least 1
 */
guint
lectern_article_reading_minutes_for (guint n_words)
{
  return MAX (1, (n_words + WORDS_PER_MINUTE / 2) / WORDS_PER_MINUTE);
}

/* Construction. */

/* Readability takes the byline from the page's metadata but may leave the
 * byline paragraph in the text; the reader page and `--article` show the
 * byline above the text, so a copy among the first blocks goes. */
static void
drop_byline_copy (Node       *root,
                  const char *byline)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new ();
  g_autofree char *folded_byline = NULL;
  g_autofree char *by_byline = NULL;
  guint n_text = 0;

  if (byline == NULL)
    return;

  folded_byline = _lectern_article_dup_folded (byline);
  by_byline = g_strconcat ("by ", folded_byline, NULL);
  _lectern_article_collect_blocks (root, blocks);

  for (guint i = 0; i < blocks->len && n_text < 3; i++)
    {
      Node *block = g_ptr_array_index (blocks, i);
      g_autofree char *text = NULL;
      g_autofree char *folded = NULL;

      if (block->dropped)
        continue;

      text = _lectern_article_node_dup_text (block);
      if (text[0] == '\0')
        continue;

      n_text++;
      folded = _lectern_article_dup_folded (text);

      if (g_str_equal (folded, folded_byline) || g_str_equal (folded, by_byline))
        {
          block->dropped = TRUE;
          return;
        }
    }
}

static char *
dup_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autofree char *value = NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  value = g_strstrip (g_strdup (json_node_get_string (node)));
  if (value[0] == '\0' || !g_utf8_validate (value, -1, NULL))
    return NULL;

  /* Metadata is one line of text: a title with line breaks or runs of
   * spaces is collapsed. */
  return _lectern_article_dup_collapsed (value);
}

/**
 * lectern_article_new_from_json:
 * @json: what reader mode's extraction script returned
 * @error: return location for a #GError
 *
 * Reads the extraction result: `{"readerable": bool, "url", "title",
 * "byline", "siteName", "publishedTime", "lang", "dir", "content"}`, the
 * content being the sanitized article as XHTML. Consent text is dropped
 * here, and the word count made from what is left.
 *
 * Returns: (transfer full) (nullable): the article, or %NULL with
 *   %LECTERN_ARTICLE_ERROR_NOT_ARTICLE when the page is no article, or
 *   %LECTERN_ARTICLE_ERROR_INVALID when @json is not such a result
 */
LecternArticle *
lectern_article_new_from_json (const char  *json,
                               GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(LecternArticle) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *content = NULL;
  JsonNode *root;
  JsonObject *object;
  JsonNode *consent_removed;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, -1, &local_error) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      /* Translators: %s is an error message */
      g_set_error (error, LECTERN_ARTICLE_ERROR, LECTERN_ARTICLE_ERROR_INVALID,
                   _("Reader mode returned something unreadable: %s"),
                   local_error ? local_error->message : _("not an object"));
      return NULL;
    }

  object = json_node_get_object (root);

  if (!json_object_get_boolean_member_with_default (object, "readerable", FALSE))
    {
      g_set_error_literal (error, LECTERN_ARTICLE_ERROR, LECTERN_ARTICLE_ERROR_NOT_ARTICLE,
                           _("The page is not an article"));
      return NULL;
    }

  self = g_new0 (LecternArticle, 1);
  self->blocked_images = g_ptr_array_new_with_free_func (g_free);
  self->allowed_images = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->url = dup_member (object, "url");
  self->title = dup_member (object, "title");
  self->byline = dup_member (object, "byline");
  self->site_name = dup_member (object, "siteName");
  self->published_time = dup_member (object, "publishedTime");
  self->lang = dup_member (object, "lang");
  self->dir = dup_member (object, "dir");
  if (json_object_has_member (object, "content") &&
      json_node_get_value_type (json_object_get_member (object, "content")) == G_TYPE_STRING)
    content = g_strdup (json_object_get_string_member (object, "content"));

  if (self->url == NULL || content == NULL || !g_utf8_validate (content, -1, NULL))
    {
      g_set_error_literal (error, LECTERN_ARTICLE_ERROR, LECTERN_ARTICLE_ERROR_INVALID,
                           _("Reader mode returned an article without an address or text"));
      return NULL;
    }

  self->site = lectern_party_dup_site_for_uri (self->url);

  self->root = _lectern_article_parse_xhtml (content, &local_error);
  if (self->root == NULL)
    {
      /* Translators: %s is an error message */
      g_set_error (error, LECTERN_ARTICLE_ERROR, LECTERN_ARTICLE_ERROR_INVALID,
                   _("Reader mode returned an article that cannot be read: %s"), local_error->message);
      return NULL;
    }

  consent_removed = json_object_get_member (object, "consentRemoved");
  if (consent_removed != NULL && json_node_get_value_type (consent_removed) == G_TYPE_INT64)
    self->n_consent_removed = (guint) CLAMP (json_node_get_int (consent_removed), 0, G_MAXINT);

  self->n_consent_removed += _lectern_article_drop_consent (self->root);
  drop_byline_copy (self->root, self->byline);
  self->text = _lectern_article_dup_body_text (self->root);
  self->n_words = lectern_article_count_words (self->text);
  _lectern_article_collect_blocked_images (self);

  if (self->n_words == 0)
    {
      g_set_error_literal (error, LECTERN_ARTICLE_ERROR, LECTERN_ARTICLE_ERROR_NOT_ARTICLE,
                           _("The page is not an article: it has no text"));
      return NULL;
    }

  return g_steal_pointer (&self);
}

void
lectern_article_free (LecternArticle *self)
{
  if (self == NULL)
    return;

  g_free (self->url);
  g_free (self->site);
  g_free (self->title);
  g_free (self->byline);
  g_free (self->site_name);
  g_free (self->published_time);
  g_free (self->lang);
  g_free (self->dir);
  g_free (self->text);
  _lectern_article_node_free (self->root);
  g_clear_pointer (&self->blocked_images, g_ptr_array_unref);
  g_clear_pointer (&self->allowed_images, g_hash_table_unref);
  g_free (self);
}

const char *
lectern_article_get_url (LecternArticle *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->url;
}

/**
 * lectern_article_get_site:
 *
 * Returns: (nullable): the registrable domain of the article's address
 */
const char *
lectern_article_get_site (LecternArticle *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->site;
}

/**
 * lectern_article_get_title:
 *
 * Returns: (nullable): the title, as text (not HTML)
 */
const char *
lectern_article_get_title (LecternArticle *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->title;
}

/**
 * lectern_article_get_byline:
 *
 * Returns: (nullable): the author line, as text (not HTML)
 */
const char *
lectern_article_get_byline (LecternArticle *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->byline;
}

const char *
lectern_article_get_site_name (LecternArticle *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->site_name;
}

const char *
lectern_article_get_published_time (LecternArticle *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->published_time;
}

const char *
lectern_article_get_lang (LecternArticle *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->lang;
}

const char *
lectern_article_get_dir (LecternArticle *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->dir;
}

guint
lectern_article_get_n_words (LecternArticle *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_words;
}

guint
lectern_article_get_reading_minutes (LecternArticle *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return lectern_article_reading_minutes_for (self->n_words);
}

/**
 * lectern_article_get_n_consent_removed:
 *
 * Returns: how many consent containers and paragraphs were left out
 */
guint
lectern_article_get_n_consent_removed (LecternArticle *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_consent_removed;
}

/**
 * lectern_article_get_blocked_images:
 *
 * Returns: (transfer none) (element-type utf8): the addresses of pictures
 *   from other sites, shown as placeholders until allowed
 */
GPtrArray *
lectern_article_get_blocked_images (LecternArticle *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->blocked_images;
}

/**
 * lectern_article_allow_image:
 * @url: one of lectern_article_get_blocked_images()
 *
 * Lets the reader page load a picture from another site, because the
 * reader asked for it. Addresses that are not pictures of the article
 * are ignored.
 */
void
lectern_article_allow_image (LecternArticle *self,
                             const char     *url)
{
  guint index;

  g_return_if_fail (self != NULL);
  g_return_if_fail (url != NULL);

  if (!g_ptr_array_find_with_equal_func (self->blocked_images, url, g_str_equal, &index))
    return;

  g_hash_table_add (self->allowed_images, g_strdup (url));
  g_ptr_array_remove_index (self->blocked_images, index);
}

