/* lectern-atspi-dump.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <atspi/atspi.h>
#include <stdio.h>
#include <stdlib.h>

/* Prints the accessible tree of one running program as a screen reader
 * reads it over AT-SPI: one line per object, "depth<TAB>role<TAB>name".
 *
 *   lectern-atspi-dump PID
 *
 * GTK has no public way to read the name it computes for a widget; this
 * asks for it the way Orca does, from another process, while the program
 * keeps answering. */

#define WAIT_SECONDS 30

/* libatspi 2.46 declares no autoptr cleanup for its objects: they are
 * released by hand here. */
static AtspiAccessible *
find_application (guint pid)
{
  AtspiAccessible *desktop = atspi_get_desktop (0);
  AtspiAccessible *found = NULL;
  int n_children = atspi_accessible_get_child_count (desktop, NULL);

  for (int i = 0; i < n_children && found == NULL; i++)
    {
      AtspiAccessible *application = atspi_accessible_get_child_at_index (desktop, i, NULL);

      if (application != NULL && atspi_accessible_get_process_id (application, NULL) == pid)
        found = g_object_ref (application);
      g_clear_object (&application);
    }

  g_object_unref (desktop);

  return found;
}

static char *
dup_one_line (const char *text)
{
  char *line = g_strdup (text != NULL ? text : "");

  return g_strdelimit (line, "\t\r\n", ' ');
}

static gboolean
dump (AtspiAccessible  *accessible,
      int               depth,
      GError          **error)
{
  g_autofree char *role = NULL;
  g_autofree char *name = NULL;
  g_autofree char *role_line = NULL;
  g_autofree char *name_line = NULL;
  int n_children;

  role = atspi_accessible_get_role_name (accessible, error);
  if (role == NULL)
    return FALSE;
  name = atspi_accessible_get_name (accessible, error);
  if (name == NULL)
    return FALSE;
  n_children = atspi_accessible_get_child_count (accessible, error);
  if (n_children < 0)
    return FALSE;

  role_line = dup_one_line (role);
  name_line = dup_one_line (name);
  printf ("%d\t%s\t%s\n", depth, role_line, name_line);

  for (int i = 0; i < n_children; i++)
    {
      AtspiAccessible *child = atspi_accessible_get_child_at_index (accessible, i, error);
      gboolean done;

      /* An object that went away while it was read is left out. */
      if (child == NULL)
        {
          if (error != NULL && *error != NULL)
            return FALSE;
          continue;
        }

      done = dump (child, depth + 1, error);
      g_object_unref (child);
      if (!done)
        return FALSE;
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  AtspiAccessible *application;
  g_autoptr(GError) error = NULL;
  gboolean done;
  gint64 deadline;
  guint64 pid;

  if (argc != 2 || !g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXUINT, &pid, NULL))
    {
      fprintf (stderr, "usage: %s PID\n", argv[0]);
      return EXIT_FAILURE;
    }

  if (atspi_init () < 0)
    {
      fprintf (stderr, "The accessibility bus cannot be reached\n");
      return EXIT_FAILURE;
    }

  /* The program answers from its main loop, which a busy machine slows. */
  atspi_set_timeout (10000, 30000);

  /* The program registers with the accessibility bus when its first
   * window is made, which may be a moment after it asked for this. */
  deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  while ((application = find_application (pid)) == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        {
          fprintf (stderr, "No application with process id %" G_GUINT64_FORMAT " on the accessibility bus\n", pid);
          return EXIT_FAILURE;
        }
      g_usleep (G_USEC_PER_SEC / 5);
    }

  done = dump (application, 0, &error);
  g_object_unref (application);

  if (!done)
    {
      fprintf (stderr, "The accessible tree could not be read: %s\n", error->message);
      return EXIT_FAILURE;
    }

  return EXIT_SUCCESS;
}
