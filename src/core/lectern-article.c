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
#include <string.h>

#include "lectern-article-consent.h"
#include "lectern-article-tree.h"
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
 * page itself. The XHTML becomes a tree in lectern-article-tree.c, which
 * tells what each element is, and consent text is found in
 * lectern-article-consent.c; only the elements and attributes allowed
 * there and below are written out, so whatever DOMPurify let through, the
 * reader page holds no script.
 */

/* Words a minute of an adult reading for understanding, and characters a
 * minute for scripts written without spaces (Chinese, Japanese). */
#define WORDS_PER_MINUTE 230
#define CJK_CHARS_PER_MINUTE 400

struct _LecternArticle
{
  char      *url;
  char      *site;
  char      *title;
  char      *byline;
  char      *site_name;
  char      *published_time;
  char      *lang;
  char      *dir;
  Node      *root;
  char      *text;
  guint      n_words;
  guint      n_consent_removed;
  GPtrArray *blocked_images;   /* URLs of images from other sites */
  GHashTable *allowed_images;  /* URLs the reader chose to load */
};

G_DEFINE_QUARK (lectern-article-error-quark, lectern_article_error)

static const char * const void_elements[] = { "br", "hr", "img", "wbr", NULL };

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

/* Plain text: blocks become paragraphs separated by blank lines. */

typedef struct
{
  GString   *paragraph;
  GPtrArray *paragraphs;
  const char *prefix;
  gboolean   in_pre;
} TextState;

static void
flush_paragraph (TextState *state)
{
  g_auto(GStrv) lines = NULL;
  GString *out;

  if (state->in_pre)
    {
      char *text = g_strdup (state->paragraph->str);

      g_strchomp (text);
      while (text[0] == '\n')
        memmove (text, text + 1, strlen (text));
      if (text[0] != '\0')
        g_ptr_array_add (state->paragraphs, text);
      else
        g_free (text);
      g_string_truncate (state->paragraph, 0);
      return;
    }

  lines = g_strsplit (state->paragraph->str, "\n", -1);
  out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, lines[i]);
    }

  if (out->len > 0)
    {
      if (state->prefix != NULL)
        g_string_prepend (out, state->prefix);
      state->prefix = NULL;
      g_ptr_array_add (state->paragraphs, g_string_free (out, FALSE));
    }
  else
    g_string_free (out, TRUE);

  g_string_truncate (state->paragraph, 0);
}

static void
render_text (Node      *node,
             TextState *state)
{
  Kind kind;

  if (node->dropped)
    return;

  if (node->name == NULL)
    {
      if (state->in_pre)
        g_string_append (state->paragraph, node->text);
      else
        _lectern_article_append_collapsed (state->paragraph, node->text);
      return;
    }

  kind = _lectern_article_element_kind (node->name);

  if (kind == KIND_DROP)
    return;

  if (g_str_equal (node->name, "br"))
    {
      g_string_append_c (state->paragraph, '\n');
      return;
    }

  if (g_str_equal (node->name, "td") || g_str_equal (node->name, "th"))
    _lectern_article_append_collapsed (state->paragraph, " ");

  if (kind == KIND_BLOCK)
    flush_paragraph (state);

  if (g_str_equal (node->name, "li"))
    state->prefix = "• ";

  if (g_str_equal (node->name, "pre"))
    state->in_pre = TRUE;

  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    render_text (g_ptr_array_index (node->children, i), state);

  if (kind == KIND_BLOCK)
    flush_paragraph (state);

  if (g_str_equal (node->name, "pre"))
    state->in_pre = FALSE;
}

static char *
dup_body_text (Node *root)
{
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) paragraph = g_string_new (NULL);
  TextState state = { paragraph, paragraphs, NULL, FALSE };

  render_text (root, &state);
  flush_paragraph (&state);
  g_ptr_array_add (paragraphs, NULL);

  return g_strjoinv ("\n\n", (char **) paragraphs->pdata);
}

/* Images. */

static char *
dup_resolved (const char *base,
              const char *uri)
{
  g_autofree char *resolved = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (uri));

  if (stripped[0] == '\0')
    return NULL;

  resolved = g_uri_resolve_relative (base, stripped, G_URI_FLAGS_NONE, NULL);

  if (resolved == NULL ||
      !(g_str_has_prefix (resolved, "http://") || g_str_has_prefix (resolved, "https://")))
    return NULL;

  return g_steal_pointer (&resolved);
}

/* The widest candidate of a srcset ("a.jpg 480w, b.jpg 1080w"), else the
 * first. */
static char *
dup_srcset_best (const char *srcset)
{
  g_auto(GStrv) candidates = g_strsplit (srcset, ",", -1);
  g_autofree char *best = NULL;
  double best_width = -1;

  for (guint i = 0; candidates[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      double width = 0;

      g_strstrip (candidates[i]);
      parts = g_strsplit_set (candidates[i], " \t", 2);
      if (parts[0] == NULL || parts[0][0] == '\0')
        continue;
      if (parts[1] != NULL)
        width = g_ascii_strtod (g_strstrip (parts[1]), NULL);
      if (width > best_width)
        {
          best_width = width;
          g_free (best);
          best = g_strdup (parts[0]);
        }
    }

  return g_steal_pointer (&best);
}

/* Lazy loading puts the picture in a data attribute and a placeholder (or
 * nothing) in src. */
static char *
dup_image_source (LecternArticle *self,
                  Node           *img)
{
  static const char * const lazy_attributes[] = {
    "data-src", "data-original", "data-lazy-src", "data-url", "data-hi-res-src", "data-full-src", NULL,
  };
  const char *src = _lectern_article_node_get_attr (img, "src");
  char *uri;

  if (src != NULL && (uri = dup_resolved (self->url, src)) != NULL)
    return uri;

  for (guint i = 0; lazy_attributes[i] != NULL; i++)
    {
      const char *value = _lectern_article_node_get_attr (img, lazy_attributes[i]);

      if (value != NULL && (uri = dup_resolved (self->url, value)) != NULL)
        return uri;
    }

  for (guint i = 0; i < 2; i++)
    {
      const char *srcset = _lectern_article_node_get_attr (img, i == 0 ? "data-srcset" : "srcset");
      g_autofree char *best = srcset ? dup_srcset_best (srcset) : NULL;

      if (best != NULL && (uri = dup_resolved (self->url, best)) != NULL)
        return uri;
    }

  if (src != NULL && g_str_has_prefix (src, "data:image/"))
    return g_strdup (src);

  return NULL;
}

static gboolean
image_is_allowed (LecternArticle *self,
                  const char     *uri)
{
  g_autofree char *site = NULL;

  if (g_str_has_prefix (uri, "data:"))
    return TRUE;

  if (g_hash_table_contains (self->allowed_images, uri))
    return TRUE;

  site = lectern_party_dup_site_for_uri (uri);

  return site != NULL && self->site != NULL && g_str_equal (site, self->site);
}

static void
collect_blocked_images (LecternArticle *self,
                        Node           *node)
{
  if (node->dropped || node->name == NULL)
    return;

  if (g_str_equal (node->name, "img"))
    {
      g_autofree char *uri = dup_image_source (self, node);

      if (uri != NULL && !image_is_allowed (self, uri) &&
          !g_ptr_array_find_with_equal_func (self->blocked_images, uri, g_str_equal, NULL))
        g_ptr_array_add (self->blocked_images, g_steal_pointer (&uri));
    }

  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    collect_blocked_images (self, g_ptr_array_index (node->children, i));
}

/* HTML output. */

static void
append_escaped (GString    *str,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append (str, escaped);
}

static void
append_attr (GString    *str,
             const char *name,
             const char *value)
{
  g_string_append_printf (str, " %s=\"", name);
  append_escaped (str, value);
  g_string_append_c (str, '"');
}

static void
render_image (LecternArticle *self,
              Node           *img,
              GString        *str)
{
  g_autofree char *uri = dup_image_source (self, img);
  const char *alt = _lectern_article_node_get_attr (img, "alt");

  if (uri == NULL)
    return;

  if (image_is_allowed (self, uri))
    {
      g_string_append (str, "<img");
      append_attr (str, "src", uri);
      if (alt != NULL)
        append_attr (str, "alt", alt);
      g_string_append (str, ">");
    }
  else
    {
      g_autofree char *host = lectern_party_dup_host_for_uri (uri);
      g_autofree char *label = NULL;

      /* Translators: a stand-in for a picture that was not loaded because
       * it comes from another site; %s is that site's host name */
      label = g_strdup_printf (_("Picture from %s — click to load"), host ? host : uri);

      g_string_append (str, "<a class=\"lectern-image-placeholder\" rel=\"noreferrer\"");
      append_attr (str, "href", uri);
      if (alt != NULL && alt[0] != '\0')
        append_attr (str, "title", alt);
      g_string_append (str, ">");
      append_escaped (str, label);
      g_string_append (str, "</a>");
    }
}

static void
render_html (LecternArticle *self,
             Node           *node,
             GString        *str)
{
  static const char * const kept_attributes[] = { "alt", "colspan", "rowspan", "start", "reversed",
                                                   "datetime", "title", "lang", "dir", NULL };
  Kind kind;
  const char *name;

  if (node->dropped)
    return;

  if (node->name == NULL)
    {
      append_escaped (str, node->text);
      return;
    }

  kind = _lectern_article_element_kind (node->name);

  if (kind == KIND_DROP)
    return;

  if (g_str_equal (node->name, "img"))
    {
      render_image (self, node, str);
      return;
    }

  /* The page's own title is shown above the text as its only h1. */
  name = g_str_equal (node->name, "h1") ? "h2" : node->name;

  if (kind != KIND_UNWRAP && !g_str_equal (name, "body"))
    {
      g_string_append_printf (str, "<%s", name);

      for (guint i = 0; node->attr_names != NULL && node->attr_names[i] != NULL; i++)
        {
          const char *attr = node->attr_names[i];

          if (g_str_equal (name, "a") && g_ascii_strcasecmp (attr, "href") == 0)
            {
              g_autofree char *href = dup_resolved (self->url, node->attr_values[i]);

              if (href != NULL)
                append_attr (str, "href", href);
            }
          else if (g_strv_contains (kept_attributes, attr))
            append_attr (str, attr, node->attr_values[i]);
        }

      if (g_str_equal (name, "a"))
        g_string_append (str, " rel=\"noreferrer\"");

      g_string_append_c (str, '>');
    }

  if (g_strv_contains (void_elements, name))
    return;

  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    render_html (self, g_ptr_array_index (node->children, i), str);

  if (kind != KIND_UNWRAP && !g_str_equal (name, "body"))
    g_string_append_printf (str, "</%s>", name);

  if (kind == KIND_BLOCK)
    g_string_append_c (str, '\n');
}

/* Construction. */

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
  self->text = dup_body_text (self->root);
  self->n_words = lectern_article_count_words (self->text);
  collect_blocked_images (self, self->root);

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

/**
 * lectern_article_to_text:
 *
 * The article as `lectern --article` prints it: the title, the byline,
 * a blank line, then the paragraphs separated by blank lines.
 *
 * Returns: (transfer full): the text, ending in a newline
 */
char *
lectern_article_to_text (LecternArticle *self)
{
  GString *str;

  g_return_val_if_fail (self != NULL, NULL);

  str = g_string_new (NULL);
  if (self->title != NULL)
    g_string_append_printf (str, "%s\n", self->title);
  if (self->byline != NULL)
    g_string_append_printf (str, "%s\n", self->byline);
  if (str->len > 0)
    g_string_append_c (str, '\n');
  g_string_append (str, self->text);
  g_string_append_c (str, '\n');

  return g_string_free (str, FALSE);
}

/**
 * lectern_article_dup_body_html:
 *
 * Returns: (transfer full): the article's text as HTML, made only of the
 *   elements and attributes a reader page allows, every text and attribute
 *   escaped, and pictures from other sites replaced by placeholders
 */
char *
lectern_article_dup_body_html (LecternArticle *self)
{
  GString *str;

  g_return_val_if_fail (self != NULL, NULL);

  str = g_string_new (NULL);
  render_html (self, self->root, str);

  return g_string_free (str, FALSE);
}

/* A CSP source for one picture: only an address without the characters
 * that separate sources and directives can be listed as is. */
static void
append_image_source (GString    *csp,
                     const char *uri)
{
  if (strpbrk (uri, " ;,'\"\t\n") != NULL)
    return;

  g_string_append_c (csp, ' ');
  g_string_append (csp, uri);
}

static char *
dup_content_security_policy (LecternArticle *self)
{
  GString *csp = g_string_new ("default-src 'none'; script-src 'none'; object-src 'none'; "
                               "frame-src 'none'; media-src 'none'; font-src 'none'; "
                               "connect-src 'none'; form-action 'none'; base-uri 'none'; "
                               "style-src 'unsafe-inline'; img-src data:");
  GHashTableIter iter;
  gpointer key;

  if (self->site != NULL && strpbrk (self->site, " ;,'\"") == NULL)
    g_string_append_printf (csp, " http://%s http://*.%s https://%s https://*.%s",
                            self->site, self->site, self->site, self->site);

  g_hash_table_iter_init (&iter, self->allowed_images);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    append_image_source (csp, key);

  return g_string_free (csp, FALSE);
}

static char *
dup_meta_line (LecternArticle *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint minutes = lectern_article_get_reading_minutes (self);

  if (self->site_name != NULL)
    g_ptr_array_add (parts, g_strdup (self->site_name));
  else if (self->site != NULL)
    g_ptr_array_add (parts, g_strdup (self->site));

  if (self->published_time != NULL)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (self->published_time, NULL);

      if (time == NULL)
        {
          g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

          time = g_date_time_new_from_iso8601 (self->published_time, utc);
        }

      /* Translators: the publication date in the reader view; see
       * g_date_time_format() */
      g_ptr_array_add (parts, time ? g_date_time_format (time, _("%e %B %Y")) : g_strdup (self->published_time));
      g_strstrip (g_ptr_array_index (parts, parts->len - 1));
    }

  /* Translators: the estimated reading time in the reader view */
  g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute read", "%u minutes read",
                                                        minutes),
                                           minutes));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" · ", (char **) parts->pdata);
}

static const char *
theme_id (LecternReaderTheme theme)
{
  switch (theme)
    {
    case LECTERN_READER_THEME_DARK:
      return "dark";
    case LECTERN_READER_THEME_SEPIA:
      return "sepia";
    case LECTERN_READER_THEME_LIGHT:
    default:
      return "light";
    }
}

/**
 * lectern_article_render_page:
 * @template: the reader page, with `@NAME@` placeholders
 * @css: the reader style sheet, put inline
 * @look: the theme, font, size and line width
 *
 * Fills the reader page template in one pass, so that nothing the page
 * supplied is ever read as a placeholder. Title, byline and metadata are
 * HTML-escaped; the content is lectern_article_dup_body_html(); the
 * content security policy allows no script and pictures only from the
 * article's own site (and those the reader allowed).
 *
 * Returns: (transfer full): the reader page
 */
char *
lectern_article_render_page (LecternArticle          *self,
                             const char              *template,
                             const char              *css,
                             const LecternReaderLook *look)
{
  g_autofree char *csp = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *body = NULL;
  g_autofree char *font_size = NULL;
  g_autofree char *line_width = NULL;
  GString *str;
  const char *p;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (template != NULL, NULL);
  g_return_val_if_fail (look != NULL, NULL);

  csp = dup_content_security_policy (self);
  meta = dup_meta_line (self);
  body = lectern_article_dup_body_html (self);
  font_size = g_strdup_printf ("%d", CLAMP (look->font_size, 8, 72));
  line_width = g_strdup_printf ("%d", CLAMP (look->line_width, 30, 120));

  str = g_string_new (NULL);

  for (p = template; *p != '\0';)
    {
      const char *start = strchr (p, '@');
      const char *end;
      g_autofree char *name = NULL;
      const char *value = NULL;
      gboolean escape = TRUE;

      if (start == NULL || (end = strchr (start + 1, '@')) == NULL)
        {
          g_string_append (str, p);
          break;
        }

      g_string_append_len (str, p, start - p);
      name = g_strndup (start + 1, end - start - 1);

      if (g_str_equal (name, "CSP"))
        value = csp;
      else if (g_str_equal (name, "LANG"))
        value = self->lang ? self->lang : "";
      else if (g_str_equal (name, "DIR"))
        value = g_strcmp0 (self->dir, "rtl") == 0 ? "rtl" : "ltr";
      else if (g_str_equal (name, "THEME"))
        value = theme_id (look->theme);
      else if (g_str_equal (name, "FONT"))
        value = look->font == LECTERN_READER_FONT_SANS ? "sans" : "serif";
      else if (g_str_equal (name, "FONT_SIZE"))
        value = font_size;
      else if (g_str_equal (name, "LINE_WIDTH"))
        value = line_width;
      else if (g_str_equal (name, "TITLE"))
        value = self->title ? self->title : "";
      else if (g_str_equal (name, "BYLINE"))
        value = self->byline ? self->byline : "";
      else if (g_str_equal (name, "META"))
        value = meta;
      else if (g_str_equal (name, "CSS"))
        {
          /* Our own file; "</" cannot close the style element early. */
          value = css ? css : "";
          escape = FALSE;
        }
      else if (g_str_equal (name, "CONTENT"))
        {
          value = body;
          escape = FALSE;
        }

      if (value == NULL)
        {
          /* Not a placeholder: an "@" of the template itself. */
          g_string_append_c (str, '@');
          p = start + 1;
          continue;
        }

      if (escape)
        append_escaped (str, value);
      else
        g_string_append (str, value);

      p = end + 1;
    }

  return g_string_free (str, FALSE);
}
