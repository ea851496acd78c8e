/* lectern-profile-file.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-profile-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

static void
set_errno_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               /* Translators: the first %s is a file, the second an error message */
               _("Could not read “%s”: %s"), path, g_strerror (saved_errno));
}

/* Whether @mode is a regular file's, else says what stands at @path. */
static gboolean
check_mode (const char  *path,
            mode_t       mode,
            GError     **error)
{
  if (S_ISDIR (mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                   /* Translators: %s is a file's path */
                   _("“%s” is a folder, not a file"), path);
      return FALSE;
    }

  if (!S_ISREG (mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   /* Translators: %s is a file's path */
                   _("“%s” is not a regular file"), path);
      return FALSE;
    }

  return TRUE;
}

/**
 * lectern_profile_file_check:
 * @path: a file of a profile (`sites.db`, `consent-tools.ini`, …)
 * @exists: (out) (optional): whether something is at @path
 * @size: (out) (optional): the file's size, 0 when there is none
 * @error: return location for a #GError
 *
 * Checks, without opening it, that @path is a regular file or nothing: a
 * folder, a pipe or a device in a file's place cannot be used as one, and
 * opening a pipe to read it waits until something writes to it.
 *
 * Returns: %TRUE when @path is missing or a regular file, else %FALSE
 *   with a #GFileError that names @path
 */
gboolean
lectern_profile_file_check (const char  *path,
                            gboolean    *exists,
                            goffset     *size,
                            GError     **error)
{
  GStatBuf buf;
  gboolean found;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  found = g_stat (path, &buf) == 0;
  if (exists != NULL)
    *exists = found;
  if (size != NULL)
    *size = found ? buf.st_size : 0;

  if (!found)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        return TRUE;

      set_errno_error (error, path, saved_errno);
      return FALSE;
    }

  return check_mode (path, buf.st_mode, error);
}

/**
 * lectern_profile_file_map:
 * @path: a file
 * @error: return location for a #GError
 *
 * Maps @path read-only, as g_mapped_file_new() does, but opens it without
 * waiting: a pipe in the file's place is refused, as is anything else
 * that is not a regular file, instead of blocking the reader until
 * something writes to it.
 *
 * Returns: (transfer full) (nullable): the mapping, or %NULL with a
 *   #GFileError that names @path
 */
GMappedFile *
lectern_profile_file_map (const char  *path,
                          GError     **error)
{
  GMappedFile *file;
  GStatBuf buf;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_errno_error (error, path, errno);
      return NULL;
    }

  if (fstat (fd, &buf) != 0)
    {
      set_errno_error (error, path, errno);
      close (fd);
      return NULL;
    }

  if (!check_mode (path, buf.st_mode, error))
    {
      close (fd);
      return NULL;
    }

  file = g_mapped_file_new_from_fd (fd, FALSE, error);
  close (fd);

  return file;
}
