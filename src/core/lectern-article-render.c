/* lectern-article-render.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-article-render.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lectern-article-private.h"
#include "lectern-party.h"
#include "lectern-terminal-text.h"

/* What reader mode shows of an article: its plain text (`lectern
 * --article`, and the word count), and the reader page. Only the elements
 * and attributes listed here are written out, every text and attribute
 * escaped, pictures from other sites stand in as placeholders until the
 * reader allows them, and the page's content security policy lets no
 * script run: whatever DOMPurify let through, the reader page holds none. */

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

char *
_lectern_article_dup_body_text (Node *root)
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

/* Fills the list of pictures from other sites, each once, in the order the
 * text shows them. */
void
_lectern_article_collect_blocked_images (LecternArticle *self)
{
  collect_blocked_images (self, self->root);
}

/* HTML output. */

static const char * const void_elements[] = { "br", "hr", "img", "wbr", NULL };

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

/* Appends @text, if any, as one line of a terminal's. */
static void
append_line (GString    *str,
             const char *text)
{
  g_autofree char *line = NULL;

  if (text == NULL)
    return;

  line = lectern_terminal_text_escape (text, LECTERN_TERMINAL_TEXT_LINE);
  g_string_append (str, line);
  g_string_append_c (str, '\n');
}

/**
 * lectern_article_to_text:
 *
 * The article as `lectern --article` prints it: the title, the byline,
 * a blank line, then the paragraphs separated by blank lines. It is read
 * in terminals, which the page must not drive: control characters are
 * escaped (lectern_terminal_text_escape()), and the title and byline are
 * one line each.
 *
 * Returns: (transfer full): the text, ending in a newline
 */
char *
lectern_article_to_text (LecternArticle *self)
{
  g_autofree char *text = NULL;
  GString *str;

  g_return_val_if_fail (self != NULL, NULL);

  str = g_string_new (NULL);
  append_line (str, self->title);
  append_line (str, self->byline);
  if (str->len > 0)
    g_string_append_c (str, '\n');
  text = lectern_terminal_text_escape (self->text, LECTERN_TERMINAL_TEXT_LINES);
  g_string_append (str, text);
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
