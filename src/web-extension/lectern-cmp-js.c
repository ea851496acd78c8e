/* lectern-cmp-js.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cmp-js.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <time.h>

/* What the consent tools read of a page's objects. The page owns them and
 * may have put anything there: each reader checks the type it wants and
 * takes nothing else, and reads within a budget. A page can make a tool of
 * 150,000 groups, a string of megabytes, a getter that never returns soon,
 * an object that holds itself: reading it whole would keep the web process
 * busy, and the page with it. Nothing is read whole: only the members
 * wanted, each checked for its size, with a look at the clock after each
 * (a getter of the page may have run). */

/* The processor time this thread has used, in microseconds. */
static gint64
get_thread_time (void)
{
  struct timespec now;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now) != 0)
    return g_get_monotonic_time ();

  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

/**
 * lectern_cmp_budget_start:
 * @budget: a budget
 *
 * Gives @budget LECTERN_CMP_MAX_READ_USEC of the thread's processor time
 * from now, and LECTERN_CMP_MAX_WAIT_USEC of time. The page's getters run
 * on the thread: a busy one spends its processor time, which a machine
 * busy with other work does not; one that waits (a synchronous request)
 * spends the time. A bound exceeded before stays exceeded.
 */
void
lectern_cmp_budget_start (LecternCmpBudget *budget)
{
  budget->cpu_deadline = get_thread_time () + LECTERN_CMP_MAX_READ_USEC;
  budget->deadline = g_get_monotonic_time () + LECTERN_CMP_MAX_WAIT_USEC;
}

/**
 * lectern_cmp_budget_exceed:
 * @budget: a budget
 * @what: what was too much, as the outcome's detail says it ("it holds
 *   more than 256 groups"); a static string
 */
void
lectern_cmp_budget_exceed (LecternCmpBudget *budget,
                           const char       *what)
{
  if (budget->exceeded == NULL)
    budget->exceeded = what;
}

/**
 * lectern_cmp_budget_spent:
 * @budget: a budget
 *
 * Returns: whether a bound was exceeded, the time to read included
 */
gboolean
lectern_cmp_budget_spent (LecternCmpBudget *budget)
{
  if (get_thread_time () > budget->cpu_deadline)
    lectern_cmp_budget_exceed (budget, "it took more than 100 ms to read");
  else if (g_get_monotonic_time () > budget->deadline)
    lectern_cmp_budget_exceed (budget, "it kept Lectern waiting more than a second");

  return budget->exceeded != NULL;
}

/**
 * lectern_cmp_js_clear_exception:
 * @context: a page's script context
 *
 * Clears what the page's script threw at the API's call, so that the
 * next call starts clean; the page's errors are its own business.
 */
void
lectern_cmp_js_clear_exception (JSCContext *context)
{
  if (jsc_context_get_exception (context) != NULL)
    jsc_context_clear_exception (context);
}

/**
 * lectern_cmp_js_dup_property:
 * @budget: what may still be read
 * @value: (nullable): a value of the page
 * @name: a property's name
 *
 * Returns: (transfer full) (nullable): @value's property @name, of
 *   whatever type, when @value is an object
 */
JSCValue *
lectern_cmp_js_dup_property (LecternCmpBudget *budget,
                             JSCValue         *value,
                             const char       *name)
{
  g_autoptr(JSCValue) property = NULL;

  if (value == NULL || !jsc_value_is_object (value) || lectern_cmp_budget_spent (budget))
    return NULL;

  property = jsc_value_object_get_property (value, name);
  lectern_cmp_js_clear_exception (jsc_value_get_context (value));
  if (lectern_cmp_budget_spent (budget))
    return NULL;

  return g_steal_pointer (&property);
}

/* Returns: (transfer full) (nullable): @string, a string of the page, when
 * it is not too long to read */
static char *
dup_bounded_string (LecternCmpBudget *budget,
                    JSCValue         *string)
{
  g_autoptr(JSCValue) length = NULL;

  /* A string's length is the engine's: no script of the page runs. */
  length = jsc_value_object_get_property (string, "length");
  if (length == NULL || !jsc_value_is_number (length) ||
      jsc_value_to_double (length) > LECTERN_CMP_MAX_STRING_CHARS)
    {
      lectern_cmp_budget_exceed (budget, "it holds a string of more than 64 KiB");
      return NULL;
    }

  return jsc_value_to_string (string);
}

/**
 * lectern_cmp_js_dup_object:
 * @budget: what may still be read
 * @value: (nullable): a value of the page
 * @name: a property's name
 *
 * Returns: (transfer full) (nullable): @value's property @name, when
 *   @value is an object and the property is one too
 */
JSCValue *
lectern_cmp_js_dup_object (LecternCmpBudget *budget,
                           JSCValue         *value,
                           const char       *name)
{
  g_autoptr(JSCValue) property = lectern_cmp_js_dup_property (budget, value, name);

  if (property == NULL || !jsc_value_is_object (property))
    return NULL;

  return g_steal_pointer (&property);
}

/**
 * lectern_cmp_js_dup_string:
 * @budget: what may still be read
 * @value: (nullable): a value of the page
 * @name: a property's name
 *
 * A string longer than LECTERN_CMP_MAX_STRING_CHARS is not read: @budget
 * is then exceeded.
 *
 * Returns: (transfer full) (nullable): @value's property @name, when
 *   @value is an object and the property a string
 */
char *
lectern_cmp_js_dup_string (LecternCmpBudget *budget,
                           JSCValue         *value,
                           const char       *name)
{
  g_autoptr(JSCValue) property = lectern_cmp_js_dup_property (budget, value, name);

  if (property == NULL || !jsc_value_is_string (property))
    return NULL;

  return dup_bounded_string (budget, property);
}

/**
 * lectern_cmp_js_has_function:
 * @budget: what may still be read
 * @value: (nullable): a value of the page
 * @name: a property's name
 *
 * Returns: whether @value is an object whose property @name is a function
 */
gboolean
lectern_cmp_js_has_function (LecternCmpBudget *budget,
                             JSCValue         *value,
                             const char       *name)
{
  g_autoptr(JSCValue) property = lectern_cmp_js_dup_property (budget, value, name);

  return property != NULL && jsc_value_is_function (property);
}

/**
 * lectern_cmp_js_get_length:
 * @budget: what may still be read
 * @array: (nullable): a value of the page
 * @max_length: the most elements the reader takes
 * @what: what a longer array is, as the outcome's detail says it; a
 *   static string
 * @length: (out): the array's length
 *
 * Returns: whether @array is an array of at most @max_length elements;
 *   a longer one exceeds @budget
 */
gboolean
lectern_cmp_js_get_length (LecternCmpBudget *budget,
                           JSCValue         *array,
                           guint             max_length,
                           const char       *what,
                           guint            *length)
{
  g_autoptr(JSCValue) value = NULL;
  double n;

  *length = 0;
  if (array == NULL || !jsc_value_is_array (array) || lectern_cmp_budget_spent (budget))
    return FALSE;

  /* An array's length is its own, never a getter of the page. */
  value = jsc_value_object_get_property (array, "length");
  if (value == NULL || !jsc_value_is_number (value))
    return FALSE;

  n = jsc_value_to_double (value);
  if (n > max_length)
    {
      lectern_cmp_budget_exceed (budget, what);
      return FALSE;
    }

  *length = (guint) n;

  return TRUE;
}

/**
 * lectern_cmp_js_dup_members_json:
 * @budget: what may still be read
 * @value: (nullable): a value of the page
 * @names: (array zero-terminated=1): the members to read
 *
 * Writes @value's members @names as a JSON object, each one that is a
 * boolean, a finite number or a string (of at most
 * LECTERN_CMP_MAX_STRING_CHARS); any other is left out, and nothing else
 * of @value is read, however much it holds. More than
 * LECTERN_CMP_MAX_JSON_BYTES exceeds @budget.
 *
 * Returns: (transfer full) (nullable): the JSON, or %NULL when @value is
 *   not an object or @budget was exceeded
 */
char *
lectern_cmp_js_dup_members_json (LecternCmpBudget   *budget,
                                 JSCValue           *value,
                                 const char * const *names)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  if (value == NULL || !jsc_value_is_object (value))
    return NULL;

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(JSCValue) member = lectern_cmp_js_dup_property (budget, value, names[i]);
      g_autofree char *text = NULL;

      if (member == NULL)
        continue;

      if (jsc_value_is_boolean (member))
        {
          json_builder_set_member_name (builder, names[i]);
          json_builder_add_boolean_value (builder, jsc_value_to_boolean (member));
        }
      else if (jsc_value_is_number (member) && isfinite (jsc_value_to_double (member)))
        {
          json_builder_set_member_name (builder, names[i]);
          json_builder_add_double_value (builder, jsc_value_to_double (member));
        }
      else if (jsc_value_is_string (member) && (text = dup_bounded_string (budget, member)) != NULL)
        {
          json_builder_set_member_name (builder, names[i]);
          json_builder_add_string_value (builder, text);
        }
    }

  json_builder_end_object (builder);
  if (lectern_cmp_budget_spent (budget))
    return NULL;

  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  if (strlen (json) > LECTERN_CMP_MAX_JSON_BYTES)
    {
      lectern_cmp_budget_exceed (budget, "it holds more than 64 KiB of JSON");
      return NULL;
    }

  return g_steal_pointer (&json);
}
