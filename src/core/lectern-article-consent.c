/* lectern-article-consent.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-article-consent.h"

#include <string.h>

#include "lectern-article.h"

/* Consent banners and cookie policies, recognised by their words. Sites
 * put them inside the article element too, where Readability keeps them,
 * so they are looked for in the article itself: whole containers named
 * after a consent tool, the section under a consent heading, and blocks
 * that read like a notice or are one of its buttons. */

static const char * const consent_heading_phrases[] = {
  "cookie polic", "cookies polic", "cookie notice", "cookie setting", "cookie preference",
  "cookie consent", "cookie declaration", "use of cookies", "about cookies", "we use cookies",
  "manage consent", "consent preferences", "your consent", "privacy preference", "privacy setting",
  "privacy choices", "your privacy", "privacy center", "privacy centre", "preference center",
  "preference centre", "manage your privacy", "we value your privacy", "this site uses cookies",
  "this website uses cookies", NULL,
};

/* Whatever else a paragraph says, these make it a notice. */
static const char * const consent_sure_phrases[] = {
  "we use cookies", "this site uses cookies", "this website uses cookies", "uses cookies to",
  "we and our partners", "we and our vendors", "store and/or access information",
  "cookies and similar technologies", "accept all cookies", "reject all cookies",
  "by continuing to browse", "by clicking accept", "by clicking “accept", "by clicking \"accept",
  "legitimate interest", NULL,
};

static const char * const consent_subject_words[] = {
  "cookie", "consent", "gdpr", "tracking technolog", "local storage", "personal data", NULL,
};

static const char * const consent_action_words[] = {
  "accept", "reject", "agree", "manage", "preference", "settings", "opt out", "opt-out",
  "withdraw", "our partners", "third parties", "third-party", "personalis", "personaliz",
  "your device", "your browser", "this site", "this website", "our site", "our website",
  "click", "policy", "advertising", "analytics", "we use", "you can", NULL,
};

/* Buttons of a banner, when they end up as paragraphs of their own. */
static const char * const consent_buttons[] = {
  "accept", "accept all", "accept cookies", "accept all cookies", "allow all", "allow cookies",
  "reject", "reject all", "reject all cookies", "decline", "decline all", "i agree", "agree",
  "agree and close", "i accept", "ok, i agree", "got it", "manage preferences",
  "manage cookies", "manage options", "cookie settings", "save preferences", "save choices",
  "confirm my choices", "necessary only", "only necessary", "necessary cookies only",
  "customise", "customize", "more options", NULL,
};

static guint
count_phrases (const char         *haystack,
               const char * const *phrases)
{
  guint n = 0;

  for (guint i = 0; phrases[i] != NULL; i++)
    {
      if (strstr (haystack, phrases[i]) != NULL)
        n++;
    }

  return n;
}

/**
 * lectern_article_is_consent_heading:
 * @text: a heading's text
 *
 * Returns: whether the heading opens a cookie policy, a consent notice or
 *   a privacy preference centre
 */
gboolean
lectern_article_is_consent_heading (const char *text)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  folded = _lectern_article_dup_folded (text);

  return count_phrases (folded, consent_heading_phrases) > 0 ||
         g_str_equal (folded, "cookies") || g_str_equal (folded, "consent") ||
         g_str_equal (folded, "privacy");
}

/**
 * lectern_article_is_consent_text:
 * @text: a paragraph's text
 *
 * A paragraph is a consent notice when it says so outright ("we use
 * cookies"), when it is one of a banner's buttons, or when it speaks of
 * cookies or consent together with several of a notice's usual words
 * (accept, manage, preferences, partners, …). An article that merely
 * mentions cookies keeps its paragraphs.
 *
 * Returns: whether @text belongs to a consent banner or a cookie policy
 */
gboolean
lectern_article_is_consent_text (const char *text)
{
  g_autofree char *folded = NULL;
  g_autofree char *button = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  folded = _lectern_article_dup_folded (text);

  if (folded[0] == '\0')
    return FALSE;

  if (count_phrases (folded, consent_sure_phrases) > 0)
    return TRUE;

  button = g_strdup (folded);
  g_strdelimit (button, ".!›»>", ' ');
  g_strstrip (button);
  if (g_strv_contains (consent_buttons, button))
    return TRUE;

  return count_phrases (folded, consent_subject_words) > 0 &&
         count_phrases (folded, consent_action_words) >= 3;
}

static gboolean
is_heading (const char *name)
{
  return name != NULL && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == '\0';
}

static gboolean
is_consent_name (const char *value)
{
  g_autofree char *lower = NULL;

  if (value == NULL)
    return FALSE;

  lower = g_ascii_strdown (value, -1);

  return strstr (lower, "cookie") != NULL || strstr (lower, "consent") != NULL ||
         strstr (lower, "onetrust") != NULL || strstr (lower, "optanon") != NULL ||
         strstr (lower, "gdpr") != NULL || strstr (lower, "cookiebot") != NULL;
}

/* A container named after a consent tool ("onetrust-banner-sdk",
 * "CybotCookiebotDialog") goes whole, whatever its text says; the article
 * itself is never one. */
static guint
drop_consent_containers (Node *node)
{
  guint n = 0;

  if (node->name == NULL)
    return 0;

  if (node->parent != NULL && is_consent_name (_lectern_article_node_get_attr (node, "id")))
    {
      node->dropped = TRUE;
      return 1;
    }

  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    n += drop_consent_containers (g_ptr_array_index (node->children, i));

  return n;
}

/* Marks consent text as dropped: a consent heading takes everything after
 * it down to the next heading of its level or above; other blocks go on
 * their own text. Returns how many containers and blocks were dropped. */
guint
_lectern_article_drop_consent (Node *root)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new ();
  int section_level = 0;
  guint n;

  n = drop_consent_containers (root);
  _lectern_article_collect_blocks (root, blocks);

  for (guint i = 0; i < blocks->len; i++)
    {
      Node *block = g_ptr_array_index (blocks, i);
      g_autofree char *text = _lectern_article_node_dup_text (block);
      gboolean drop = FALSE;

      if (is_heading (block->name))
        {
          int level = block->name[1] - '0';

          if (section_level > 0 && level <= section_level)
            section_level = 0;

          if (lectern_article_is_consent_heading (text))
            section_level = level;
        }

      if (section_level > 0)
        drop = TRUE;
      else if (!is_heading (block->name))
        drop = lectern_article_is_consent_text (text);

      if (drop)
        {
          block->dropped = TRUE;
          n++;
        }
    }

  return n;
}
