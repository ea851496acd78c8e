/* lectern-cmp-js.c
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lectern-cmp-js.h"

/* What the consent tools read of a page's objects. The page owns them and
 * may have put anything there: each reader checks the type it wants and
 * takes nothing else. */

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
 * lectern_cmp_js_dup_object:
 * @value: (nullable): a value of the page
 * @name: a property's name
 *
 * Returns: (transfer full) (nullable): @value's property @name, when
 *   @value is an object and the property is one too
 */
JSCValue *
lectern_cmp_js_dup_object (JSCValue   *value,
                           const char *name)
{
  g_autoptr(JSCValue) property = NULL;

  if (value == NULL || !jsc_value_is_object (value))
    return NULL;

  property = jsc_value_object_get_property (value, name);
  if (property == NULL || !jsc_value_is_object (property))
    return NULL;

  return g_steal_pointer (&property);
}

/**
 * lectern_cmp_js_dup_string:
 * @value: (nullable): a value of the page
 * @name: a property's name
 *
 * Returns: (transfer full) (nullable): @value's property @name, when
 *   @value is an object and the property a string
 */
char *
lectern_cmp_js_dup_string (JSCValue   *value,
                           const char *name)
{
  g_autoptr(JSCValue) property = NULL;

  if (value == NULL || !jsc_value_is_object (value))
    return NULL;

  property = jsc_value_object_get_property (value, name);
  if (property == NULL || !jsc_value_is_string (property))
    return NULL;

  return jsc_value_to_string (property);
}

/**
 * lectern_cmp_js_has_function:
 * @value: (nullable): a value of the page
 * @name: a property's name
 *
 * Returns: whether @value is an object whose property @name is a function
 */
gboolean
lectern_cmp_js_has_function (JSCValue   *value,
                             const char *name)
{
  g_autoptr(JSCValue) property = NULL;

  if (value == NULL || !jsc_value_is_object (value))
    return FALSE;

  property = jsc_value_object_get_property (value, name);

  return property != NULL && jsc_value_is_function (property);
}
