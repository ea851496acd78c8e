/* lectern-article-tree.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-article-tree.h"

#include <string.h>

/* The article as the extraction script wrote it, XHTML that DOMPurify
 * sanitized, read again into a small tree: elements with their attributes
 * and text. Nothing is decided here but what each element is; dropping
 * consent text and rendering walk the tree elsewhere. */

/* What may appear in a reader page. Anything else is unwrapped, except
 * what can run, embed or load things, which is dropped whole. */
static const struct
{
  const char *name;
  Kind        kind;
} elements[] = {
  { "a", KIND_INLINE }, { "abbr", KIND_INLINE }, { "b", KIND_INLINE }, { "bdi", KIND_INLINE },
  { "bdo", KIND_INLINE }, { "br", KIND_INLINE }, { "cite", KIND_INLINE }, { "code", KIND_INLINE },
  { "del", KIND_INLINE }, { "dfn", KIND_INLINE }, { "em", KIND_INLINE }, { "i", KIND_INLINE },
  { "img", KIND_INLINE }, { "ins", KIND_INLINE }, { "kbd", KIND_INLINE }, { "mark", KIND_INLINE },
  { "q", KIND_INLINE }, { "s", KIND_INLINE }, { "samp", KIND_INLINE }, { "small", KIND_INLINE },
  { "span", KIND_INLINE }, { "strong", KIND_INLINE }, { "sub", KIND_INLINE }, { "sup", KIND_INLINE },
  { "time", KIND_INLINE }, { "u", KIND_INLINE }, { "var", KIND_INLINE }, { "wbr", KIND_INLINE },
  { "td", KIND_INLINE }, { "th", KIND_INLINE },
  { "address", KIND_BLOCK }, { "article", KIND_BLOCK }, { "aside", KIND_BLOCK },
  { "blockquote", KIND_BLOCK }, { "body", KIND_BLOCK }, { "caption", KIND_BLOCK }, { "dd", KIND_BLOCK },
  { "details", KIND_BLOCK }, { "div", KIND_BLOCK }, { "dl", KIND_BLOCK }, { "dt", KIND_BLOCK },
  { "figcaption", KIND_BLOCK }, { "figure", KIND_BLOCK }, { "footer", KIND_BLOCK },
  { "h1", KIND_BLOCK }, { "h2", KIND_BLOCK }, { "h3", KIND_BLOCK }, { "h4", KIND_BLOCK },
  { "h5", KIND_BLOCK }, { "h6", KIND_BLOCK }, { "header", KIND_BLOCK }, { "hr", KIND_BLOCK },
  { "li", KIND_BLOCK }, { "main", KIND_BLOCK }, { "ol", KIND_BLOCK }, { "p", KIND_BLOCK },
  { "pre", KIND_BLOCK }, { "section", KIND_BLOCK }, { "summary", KIND_BLOCK }, { "table", KIND_BLOCK },
  { "tbody", KIND_BLOCK }, { "tfoot", KIND_BLOCK }, { "thead", KIND_BLOCK }, { "tr", KIND_BLOCK },
  { "ul", KIND_BLOCK },
  { "applet", KIND_DROP }, { "audio", KIND_DROP }, { "base", KIND_DROP }, { "button", KIND_DROP },
  { "canvas", KIND_DROP }, { "dialog", KIND_DROP }, { "embed", KIND_DROP }, { "form", KIND_DROP },
  { "frame", KIND_DROP }, { "frameset", KIND_DROP }, { "iframe", KIND_DROP }, { "input", KIND_DROP },
  { "link", KIND_DROP }, { "math", KIND_DROP }, { "meta", KIND_DROP }, { "noscript", KIND_DROP },
  { "object", KIND_DROP }, { "option", KIND_DROP }, { "script", KIND_DROP }, { "select", KIND_DROP },
  { "source", KIND_DROP }, { "style", KIND_DROP }, { "svg", KIND_DROP }, { "template", KIND_DROP },
  { "textarea", KIND_DROP }, { "title", KIND_DROP }, { "track", KIND_DROP }, { "video", KIND_DROP },
  { "picture", KIND_UNWRAP },
};

Kind
_lectern_article_element_kind (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (elements); i++)
    {
      if (g_str_equal (elements[i].name, name))
        return elements[i].kind;
    }

  return KIND_UNWRAP;
}

void
_lectern_article_node_free (Node *node)
{
  if (node == NULL)
    return;

  g_free (node->name);
  g_free (node->text);
  g_strfreev (node->attr_names);
  g_strfreev (node->attr_values);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

static Node *
node_append (Node *parent,
             Node *child)
{
  child->parent = parent;
  if (parent->children == NULL)
    parent->children = g_ptr_array_new_with_free_func ((GDestroyNotify) _lectern_article_node_free);
  g_ptr_array_add (parent->children, child);

  return child;
}

const char *
_lectern_article_node_get_attr (Node       *node,
                                const char *name)
{
  if (node->attr_names == NULL)
    return NULL;

  for (guint i = 0; node->attr_names[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (node->attr_names[i], name) == 0)
        return node->attr_values[i];
    }

  return NULL;
}

/* XML parsing of the XHTML the extraction script wrote. */

typedef struct
{
  Node *root;
  Node *current;
} ParseState;

static void
start_element_cb (GMarkupParseContext  *context,
                  const char           *element_name,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  ParseState *state = user_data;
  const char *local = strchr (element_name, ':');
  Node *node = g_new0 (Node, 1);

  node->name = g_ascii_strdown (local ? local + 1 : element_name, -1);
  node->attr_names = g_strdupv ((char **) attribute_names);
  node->attr_values = g_strdupv ((char **) attribute_values);

  if (state->root == NULL)
    state->root = node;
  else
    node_append (state->current, node);

  state->current = node;
}

static void
end_element_cb (GMarkupParseContext  *context,
                const char           *element_name,
                gpointer              user_data,
                GError              **error)
{
  ParseState *state = user_data;

  state->current = state->current->parent;
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 text_len,
         gpointer              user_data,
         GError              **error)
{
  ParseState *state = user_data;
  Node *node;

  if (state->current == NULL || text_len == 0)
    return;

  node = g_new0 (Node, 1);
  node->text = g_strndup (text, text_len);
  node_append (state->current, node);
}

Node *
_lectern_article_parse_xhtml (const char  *xhtml,
                              GError     **error)
{
  static const GMarkupParser parser = { start_element_cb, end_element_cb, text_cb, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  ParseState state = { NULL, NULL };

  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &state, NULL);

  if (!g_markup_parse_context_parse (context, xhtml, -1, error) ||
      !g_markup_parse_context_end_parse (context, error))
    {
      _lectern_article_node_free (state.root);
      return NULL;
    }

  return state.root;
}

/* Text. */

/* Runs of white space, no-break spaces among them, become one space. */
void
_lectern_article_append_collapsed (GString    *str,
                                   const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x00A0)
        {
          if (str->len > 0 && str->str[str->len - 1] != ' ' && str->str[str->len - 1] != '\n')
            g_string_append_c (str, ' ');
        }
      else
        g_string_append_unichar (str, c);
    }
}

static void
collect_text (Node    *node,
              GString *str)
{
  Kind kind;

  if (node->dropped)
    return;

  if (node->name == NULL)
    {
      _lectern_article_append_collapsed (str, node->text);
      return;
    }

  kind = _lectern_article_element_kind (node->name);

  if (kind == KIND_DROP)
    return;

  if (kind == KIND_BLOCK && str->len > 0 && str->str[str->len - 1] != ' ')
    g_string_append_c (str, ' ');

  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    collect_text (g_ptr_array_index (node->children, i), str);
}

/* The text of @node and all in it that is not dropped, as one line. */
char *
_lectern_article_node_dup_text (Node *node)
{
  GString *str = g_string_new (NULL);

  collect_text (node, str);

  return g_strstrip (g_string_free (str, FALSE));
}

/* Text as one line, each run of white space made one space, with none at
 * either end. */
char *
_lectern_article_dup_collapsed (const char *text)
{
  GString *str = g_string_new (NULL);

  _lectern_article_append_collapsed (str, text);

  return g_strstrip (g_string_free (str, FALSE));
}

/* Text as the consent and byline checks compare it: lower case, its white
 * space collapsed. */
char *
_lectern_article_dup_folded (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);

  return _lectern_article_dup_collapsed (lower);
}

/* Blocks. */

static gboolean
is_text_block (Node *node)
{
  if (node->name == NULL || _lectern_article_element_kind (node->name) != KIND_BLOCK)
    return FALSE;

  /* A block is judged by its own text when no other block is inside it. */
  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    {
      Node *child = g_ptr_array_index (node->children, i);

      if (child->name != NULL && _lectern_article_element_kind (child->name) == KIND_BLOCK)
        return FALSE;
    }

  return TRUE;
}

/* The blocks that hold text, in document order: each is judged on its own. */
void
_lectern_article_collect_blocks (Node      *node,
                                 GPtrArray *blocks)
{
  if (node->name == NULL || _lectern_article_element_kind (node->name) == KIND_DROP)
    return;

  if (is_text_block (node))
    {
      g_ptr_array_add (blocks, node);
      return;
    }

  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    _lectern_article_collect_blocks (g_ptr_array_index (node->children, i), blocks);
}
