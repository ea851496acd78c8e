/* lectern-article.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LECTERN_ARTICLE_ERROR (lectern_article_error_quark ())

typedef enum
{
  LECTERN_ARTICLE_ERROR_NOT_ARTICLE,
  LECTERN_ARTICLE_ERROR_INVALID,
} LecternArticleError;

typedef enum
{
  LECTERN_READER_THEME_LIGHT,
  LECTERN_READER_THEME_DARK,
  LECTERN_READER_THEME_SEPIA,
} LecternReaderTheme;

typedef enum
{
  LECTERN_READER_FONT_SERIF,
  LECTERN_READER_FONT_SANS,
} LecternReaderFont;

/**
 * LecternReaderLook:
 * @theme: the colours
 * @font: the type face
 * @font_size: the body text size in pixels
 * @line_width: the longest line, in characters
 *
 * How the reader page looks.
 */
typedef struct
{
  LecternReaderTheme theme;
  LecternReaderFont  font;
  int                font_size;
  int                line_width;
} LecternReaderLook;

typedef struct _LecternArticle LecternArticle;

GQuark          lectern_article_error_quark              (void);
LecternArticle *lectern_article_new_from_json            (const char              *json,
                                                          GError                 **error) G_GNUC_WARN_UNUSED_RESULT;
void            lectern_article_free                     (LecternArticle          *self);
const char     *lectern_article_get_url                  (LecternArticle          *self);
const char     *lectern_article_get_site                 (LecternArticle          *self);
const char     *lectern_article_get_title                (LecternArticle          *self);
const char     *lectern_article_get_byline               (LecternArticle          *self);
const char     *lectern_article_get_site_name            (LecternArticle          *self);
const char     *lectern_article_get_published_time       (LecternArticle          *self);
const char     *lectern_article_get_lang                 (LecternArticle          *self);
const char     *lectern_article_get_dir                  (LecternArticle          *self);
guint           lectern_article_get_n_words              (LecternArticle          *self);
guint           lectern_article_get_reading_minutes      (LecternArticle          *self);
guint           lectern_article_get_n_consent_removed    (LecternArticle          *self);
GPtrArray      *lectern_article_get_blocked_images       (LecternArticle          *self);
void            lectern_article_allow_image              (LecternArticle          *self,
                                                          const char              *url);
char           *lectern_article_to_text                  (LecternArticle          *self) G_GNUC_WARN_UNUSED_RESULT;
char           *lectern_article_dup_body_html            (LecternArticle          *self) G_GNUC_WARN_UNUSED_RESULT;
char           *lectern_article_render_page              (LecternArticle          *self,
                                                          const char              *template,
                                                          const char              *css,
                                                          const LecternReaderLook *look) G_GNUC_WARN_UNUSED_RESULT;

guint           lectern_article_count_words              (const char              *text);
guint           lectern_article_reading_minutes_for      (guint                    n_words);
gboolean        lectern_article_is_consent_text          (const char              *text);
gboolean        lectern_article_is_consent_heading       (const char              *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LecternArticle, lectern_article_free)

G_END_DECLS
