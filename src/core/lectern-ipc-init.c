/* lectern-ipc-init.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-ipc-init.h"

#include "lectern-ipc.h"

/* The unpacked form of LECTERN_IPC_INIT_TYPE: the lists, the tracker
 * database's two files, the defaults, the sites, the cache and its key,
 * and the allowed trackers, in that order. */
#define INIT_UNPACK_FORMAT                                    \
  "(@a(ss)&s&s@" LECTERN_SITE_CHOICES_VARIANT_TYPE            \
  "@a" LECTERN_SITE_CHOICES_VARIANT_TYPE "(&s&s)"             \
  "@a" LECTERN_IPC_SITE_ALLOWED_TRACKERS_TYPE ")"

G_DEFINE_QUARK (lectern-ipc-init-error-quark, lectern_ipc_init_error)

static void
filter_list_clear (gpointer data)
{
  LecternIpcFilterList *list = data;

  g_free (list->path);
}

static void
allowed_trackers_clear (gpointer data)
{
  LecternIpcAllowedTrackers *allowed = data;

  g_free (allowed->site);
  g_strfreev (allowed->trackers);
}

/**
 * lectern_ipc_init_new:
 *
 * Returns: (transfer full): init data with no lists, no tracker database,
 *   no cache, no sites, and the out-of-the-box defaults
 */
LecternIpcInit *
lectern_ipc_init_new (void)
{
  LecternIpcInit *self = g_new0 (LecternIpcInit, 1);

  self->filter_lists = g_array_new (FALSE, TRUE, sizeof (LecternIpcFilterList));
  g_array_set_clear_func (self->filter_lists, filter_list_clear);
  self->defaults = lectern_site_choices_new (NULL);
  self->sites = g_ptr_array_new_with_free_func ((GDestroyNotify) lectern_site_choices_free);
  self->allowed_trackers = g_array_new (FALSE, TRUE, sizeof (LecternIpcAllowedTrackers));
  g_array_set_clear_func (self->allowed_trackers, allowed_trackers_clear);

  return self;
}

void
lectern_ipc_init_free (LecternIpcInit *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->filter_lists);
  g_free (self->tracker_db_path);
  g_free (self->tracker_companies_path);
  g_clear_pointer (&self->defaults, lectern_site_choices_free);
  g_ptr_array_unref (self->sites);
  g_free (self->filter_cache_path);
  g_free (self->filter_cache_key);
  g_array_unref (self->allowed_trackers);
  g_free (self);
}

/**
 * lectern_ipc_init_add_filter_list:
 * @self: init data
 * @path: a filter list's file
 * @kind: which list it is
 *
 * Adds a list after those already there.
 */
void
lectern_ipc_init_add_filter_list (LecternIpcInit        *self,
                                  const char            *path,
                                  LecternFilterListKind  kind)
{
  LecternIpcFilterList list = { g_strdup (path), kind };

  g_return_if_fail (self != NULL);
  g_return_if_fail (path != NULL);

  g_array_append_val (self->filter_lists, list);
}

/**
 * lectern_ipc_init_add_allowed_trackers:
 * @self: init data
 * @site: a site
 * @trackers: (array zero-terminated=1): the trackers allowed on @site
 *
 * Adds a site's allowed trackers after those already there.
 */
void
lectern_ipc_init_add_allowed_trackers (LecternIpcInit     *self,
                                       const char         *site,
                                       const char * const *trackers)
{
  LecternIpcAllowedTrackers allowed = { g_strdup (site), g_strdupv ((char **) trackers) };

  g_return_if_fail (self != NULL);
  g_return_if_fail (site != NULL);
  g_return_if_fail (trackers != NULL);

  g_array_append_val (self->allowed_trackers, allowed);
}

/**
 * lectern_ipc_init_to_variant:
 * @self: init data
 *
 * Packs @self as %LECTERN_IPC_INIT_TYPE; a path or key that is %NULL goes
 * as "".
 *
 * Returns: (transfer none): a floating #GVariant
 */
GVariant *
lectern_ipc_init_to_variant (const LecternIpcInit *self)
{
  GVariantBuilder lists;
  GVariantBuilder sites;
  GVariantBuilder allowed_trackers;

  g_return_val_if_fail (self != NULL, NULL);

  g_variant_builder_init (&lists, G_VARIANT_TYPE ("a(ss)"));
  for (guint i = 0; i < self->filter_lists->len; i++)
    {
      const LecternIpcFilterList *list = &g_array_index (self->filter_lists, LecternIpcFilterList, i);

      g_variant_builder_add (&lists, "(ss)", list->path, lectern_filter_list_kind_to_id (list->kind));
    }

  g_variant_builder_init (&sites, G_VARIANT_TYPE ("a" LECTERN_SITE_CHOICES_VARIANT_TYPE));
  for (guint i = 0; i < self->sites->len; i++)
    g_variant_builder_add_value (&sites, lectern_site_choices_to_variant (g_ptr_array_index (self->sites, i)));

  g_variant_builder_init (&allowed_trackers, G_VARIANT_TYPE ("a" LECTERN_IPC_SITE_ALLOWED_TRACKERS_TYPE));
  for (guint i = 0; i < self->allowed_trackers->len; i++)
    {
      const LecternIpcAllowedTrackers *allowed = &g_array_index (self->allowed_trackers, LecternIpcAllowedTrackers, i);

      g_variant_builder_add (&allowed_trackers, "(s^as)", allowed->site, allowed->trackers);
    }

  return g_variant_new ("(a(ss)ss@" LECTERN_SITE_CHOICES_VARIANT_TYPE "a" LECTERN_SITE_CHOICES_VARIANT_TYPE "(ss)a" LECTERN_IPC_SITE_ALLOWED_TRACKERS_TYPE ")",
                        &lists,
                        self->tracker_db_path != NULL ? self->tracker_db_path : "",
                        self->tracker_companies_path != NULL ? self->tracker_companies_path : "",
                        lectern_site_choices_to_variant (self->defaults),
                        &sites,
                        self->filter_cache_path != NULL ? self->filter_cache_path : "",
                        self->filter_cache_key != NULL ? self->filter_cache_key : "",
                        &allowed_trackers);
}

static LecternFilterListKind
filter_list_kind_from_id (const char *id)
{
  for (LecternFilterListKind kind = LECTERN_FILTER_LIST_EASYLIST; kind < LECTERN_FILTER_LIST_OTHER; kind++)
    {
      if (g_str_equal (id, lectern_filter_list_kind_to_id (kind)))
        return kind;
    }

  /* A list Lectern does not know says nothing of why it blocks. */
  return LECTERN_FILTER_LIST_OTHER;
}

static void
add_sites (LecternIpcInit *self,
           GVariant       *sites)
{
  GVariantIter iter;
  GVariant *site;

  g_variant_iter_init (&iter, sites);
  while ((site = g_variant_iter_next_value (&iter)))
    {
      LecternSiteChoices *choices = lectern_site_choices_new_from_variant (site);

      if (choices != NULL)
        g_ptr_array_add (self->sites, choices);
      g_variant_unref (site);
    }
}

/**
 * lectern_ipc_init_new_from_variant:
 * @variant: a payload that should be a %LECTERN_IPC_INIT_TYPE
 * @error: return location for a #GError
 *
 * The reverse of lectern_ipc_init_to_variant(). The web process trusts
 * no payload it has not checked, even the UI process's: one of another
 * type is refused. An empty path or key comes back as %NULL; the tracker
 * database's companies file and the cache's key are kept whenever the
 * first path of their pair is given.
 *
 * Returns: (transfer full) (nullable): the init data, or %NULL with
 *   @error set when @variant has the wrong type
 */
LecternIpcInit *
lectern_ipc_init_new_from_variant (GVariant  *variant,
                                   GError   **error)
{
  g_autoptr(LecternIpcInit) self = NULL;
  g_autoptr(GVariant) lists = NULL;
  g_autoptr(GVariant) defaults = NULL;
  g_autoptr(GVariant) sites = NULL;
  g_autoptr(GVariant) allowed_trackers = NULL;
  const char *tracker_db_path, *tracker_companies_path;
  const char *cache_path, *cache_key;
  const char *path, *kind_id, *site;
  g_autofree const char **trackers = NULL;
  GVariantIter iter;

  g_return_val_if_fail (variant != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE (LECTERN_IPC_INIT_TYPE)))
    {
      g_set_error (error, LECTERN_IPC_INIT_ERROR, LECTERN_IPC_INIT_ERROR_WRONG_TYPE,
                   "The init data is of type “%s”, not “%s”",
                   g_variant_get_type_string (variant), LECTERN_IPC_INIT_TYPE);
      return NULL;
    }

  g_variant_get (variant, INIT_UNPACK_FORMAT,
                 &lists, &tracker_db_path, &tracker_companies_path, &defaults, &sites,
                 &cache_path, &cache_key, &allowed_trackers);

  self = lectern_ipc_init_new ();

  g_variant_iter_init (&iter, lists);
  while (g_variant_iter_next (&iter, "(&s&s)", &path, &kind_id))
    lectern_ipc_init_add_filter_list (self, path, filter_list_kind_from_id (kind_id));

  if (tracker_db_path[0] != '\0')
    {
      self->tracker_db_path = g_strdup (tracker_db_path);
      self->tracker_companies_path = g_strdup (tracker_companies_path);
    }

  g_clear_pointer (&self->defaults, lectern_site_choices_free);
  self->defaults = lectern_site_choices_new_from_variant (defaults);
  g_assert (self->defaults != NULL);
  add_sites (self, sites);

  if (cache_path[0] != '\0')
    {
      self->filter_cache_path = g_strdup (cache_path);
      self->filter_cache_key = g_strdup (cache_key);
    }

  g_variant_iter_init (&iter, allowed_trackers);
  while (g_variant_iter_next (&iter, "(&s^a&s)", &site, &trackers))
    {
      lectern_ipc_init_add_allowed_trackers (self, site, trackers);
      g_clear_pointer (&trackers, g_free);
    }

  return g_steal_pointer (&self);
}
