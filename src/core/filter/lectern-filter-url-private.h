/* lectern-filter-url-private.h
 *
 * Copyright 2026 The Lectern authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "lectern-filter-engine-private.h"

G_BEGIN_DECLS

/* Reading the URLs of a decision: where the host is, and a lower-cased,
 * padded copy with the bytes of its tokens marked. Every byte of every
 * URL passes here, so these are inline functions, in the translation
 * unit of the request path that calls them. */

/* URLs are lowercased into a buffer of this size on the stack. A longer URL
 * (rare: some tracking pixels carry kilobytes of data) gets one heap copy
 * instead of being cut, as a cut copy could lose the part an exception
 * rule matches and so block what the lists allow. */
#define URL_BUFFER_SIZE 4096

/* Zeroed bytes after a lower-cased URL: the tokenizer reads it in blocks
 * of 64 bytes. */
#define URL_PADDING 64

/* Zeroed bytes before it: a rule's check reads the two bytes before a
 * token, which may start the URL. */
#define URL_LEAD 8

/* Host names are at most 253 characters; a longer host cannot be split
 * into its site, so its party is unknown. */
#define HOST_BUFFER_SIZE 256

/* A DNS name has at most 127 labels. */
#define MAX_LABELS 128

/* A parsed URL: offsets into the string the rules are matched against. */
typedef struct
{
  const char *url;
  gsize       len;
  gsize       host_start;
  gsize       host_end;
} UrlParts;

enum
{
  AUTHORITY_END = 1,
  AUTHORITY_AT,
};

static const guint8 authority_chars[256] = {
  ['/'] = AUTHORITY_END, ['?'] = AUTHORITY_END, ['#'] = AUTHORITY_END, ['\0'] = AUTHORITY_END,
  ['@'] = AUTHORITY_AT,
};

/* Where the authority of @url, of @len bytes, that starts at @start
 * ends: at the first '/', '?', '#' or the nul. Its host starts after its
 * last '@', which goes in @host_start, and @any_colon says whether a ':'
 * may be before the end. With @padded, as for split_url(). */
static inline __attribute__ ((__always_inline__)) gsize
find_authority_end (const char *url,
                    gsize       len,
                    gsize       start,
                    gboolean    padded,
                    gsize      *host_start,
                    gboolean   *any_colon)
{
  gsize end = start;

  *host_start = start;
  *any_colon = TRUE;
#ifdef __SSE2__
  /* Sixteen bytes a step, past the URL's end when it is padded, as its
   * nul ends the authority: most authorities end in the first or second
   * block, and most hold no '@' and no ':' before a port. */
  {
    const __m128i slash = _mm_set1_epi8 ('/');
    const __m128i question = _mm_set1_epi8 ('?');
    const __m128i hash = _mm_set1_epi8 ('#');
    const __m128i nul = _mm_setzero_si128 ();
    const __m128i at = _mm_set1_epi8 ('@');
    const __m128i colon = _mm_set1_epi8 (':');

    *any_colon = FALSE;
    for (; padded || end + 16 <= len; end += 16)
      {
        __m128i c = _mm_loadu_si128 ((const __m128i *) (gconstpointer) (url + end));
        __m128i ends = _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (c, slash), _mm_cmpeq_epi8 (c, question)),
                                     _mm_or_si128 (_mm_cmpeq_epi8 (c, hash), _mm_cmpeq_epi8 (c, nul)));
        guint end_bits = (guint) _mm_movemask_epi8 (ends);
        guint at_bits = (guint) _mm_movemask_epi8 (_mm_cmpeq_epi8 (c, at));
        guint colon_bits = (guint) _mm_movemask_epi8 (_mm_cmpeq_epi8 (c, colon));

        if (end_bits != 0)
          {
            guint before_end = (end_bits & -end_bits) - 1;

            at_bits &= before_end;
            colon_bits &= before_end;
          }
        if (at_bits != 0)
          *host_start = end + 32 - (gsize) __builtin_clz (at_bits);
        *any_colon |= colon_bits != 0;
        if (end_bits != 0)
          return end + (gsize) __builtin_ctz (end_bits);
      }
    /* The bytes left may hold a ':'. */
    *any_colon = TRUE;
  }
#endif
  for (; end < len; end++)
    {
      guint8 kind = authority_chars[(guchar) url[end]];

      if (G_LIKELY (kind == 0))
        continue;
      if (kind == AUTHORITY_END)
        break;
      *host_start = end + 1;
    }

  return end;
}

/* Finds the host of @url, of @len bytes. With @padded, the URL is
 * followed by at least 16 readable bytes. Inlined: the call and the
 * registers it saves are a fifth of its cost, and the arguments that
 * say what to check are constants where it is called. */
static inline __attribute__ ((__always_inline__)) gboolean
split_url (const char *url,
           gsize       len,
           UrlParts   *parts,
           gboolean    check_labels,
           gboolean    padded)
{
  const char *sep = NULL;
  gsize authority_start;
  gsize authority_end;
  gsize host_start;
  gsize host_end;
  gboolean any_colon;

  /* The scheme is short: look for "://" only where it can be, and first
   * where it nearly always is. */
  if (len > 8 && memcmp (url, "https://", 8) == 0)
    sep = url + 5;
  else if (len > 7 && memcmp (url, "http://", 7) == 0)
    sep = url + 4;
  for (gsize i = 0; sep == NULL && i < len && i < 32; i++)
    {
      char c = url[i];

      if (c == ':')
        {
          if (i > 0 && i + 2 < len && url[i + 1] == '/' && url[i + 2] == '/')
            sep = url + i;
          break;
        }
      if (!g_ascii_isalnum (c) && c != '+' && c != '-' && c != '.')
        return FALSE;
    }

  if (sep == NULL)
    return FALSE;

  authority_start = sep + 3 - url;
  authority_end = find_authority_end (url, len, authority_start, padded, &host_start, &any_colon);

  if (host_start < authority_end && url[host_start] == '[')
    {
      const char *close = memchr (url + host_start, ']', authority_end - host_start);

      if (close == NULL)
        return FALSE;
      host_end = close + 1 - url;
    }
  else if (any_colon)
    {
      const char *port = memchr (url + host_start, ':', authority_end - host_start);

      host_end = port != NULL ? (gsize) (port - url) : authority_end;
    }
  else
    {
      host_end = authority_end;
    }

  if (host_end <= host_start)
    return FALSE;

  parts->url = url;
  parts->len = len;
  parts->host_start = host_start;
  parts->host_end = host_end;

  if (!check_labels)
    return TRUE;

  /* More labels than DNS allows make no host at all. Counting dots is
   * cheaper than noting where each label starts, and only a host of
   * more than MAX_LABELS bytes can have that many. */
  if (host_end - host_start > MAX_LABELS)
  {
    guint n_dots = 0;

    /* A dot at the very end starts no label. */
    for (gsize i = host_start; i + 1 < host_end; i++)
      n_dots += url[i] == '.';
    if (n_dots >= MAX_LABELS)
      return FALSE;
  }

  return TRUE;
}

/* Lower-cases @len bytes of @src into @dest, sixteen at a time where the
 * processor can: every byte of every URL passes here. */
static inline void
lowercase_copy (char       *dest,
                const char *src,
                gsize       len)
{
  gsize i = 0;

#ifdef __SSE2__
  if (len >= 16)
    {
      const __m128i below = _mm_set1_epi8 ('A' - 1);
      const __m128i above = _mm_set1_epi8 ('Z' + 1);
      const __m128i offset = _mm_set1_epi8 ('a' - 'A');

      /* The last block ends at the end: the bytes lowered twice stay
       * lowered. */
      for (;; i = MIN (i + 16, len - 16))
        {
          __m128i c = _mm_loadu_si128 ((const __m128i *) (gconstpointer) (src + i));
          __m128i upper = _mm_and_si128 (_mm_cmpgt_epi8 (c, below), _mm_cmplt_epi8 (c, above));

          _mm_storeu_si128 ((__m128i *) (gpointer) (dest + i), _mm_add_epi8 (c, _mm_and_si128 (upper, offset)));
          if (i == len - 16)
            return;
        }
    }
#endif
  for (; i < len; i++)
    dest[i] = to_lower (src[i]);
}

#ifdef __SSE2__
/* Lowers the sixteen bytes at @src into @dest and returns which of them
 * are part of a token. Range tests with signed comparisons: x is in
 * [lo, lo + n) when x + 0x80 - lo, as a signed byte, is below n - 128. */
static inline guint64
lower_block (char       *dest,
             const char *src)
{
  const __m128i case_bit = _mm_set1_epi8 (0x20);
  __m128i c = _mm_loadu_si128 ((const __m128i *) (gconstpointer) src);
  __m128i letter = _mm_cmplt_epi8 (_mm_add_epi8 (_mm_or_si128 (c, case_bit), _mm_set1_epi8 ((char) (0x80 - 'a'))),
                                   _mm_set1_epi8 ((char) (-128 + 26)));
  __m128i digit = _mm_cmplt_epi8 (_mm_add_epi8 (c, _mm_set1_epi8 ((char) (0x80 - '0'))),
                                  _mm_set1_epi8 ((char) (-128 + 10)));

  _mm_storeu_si128 ((__m128i *) (gpointer) dest, _mm_or_si128 (c, _mm_and_si128 (letter, case_bit)));

  return (guint) _mm_movemask_epi8 (_mm_or_si128 (letter, digit));
}
#endif

/* Lower-cases @src into @buffer, between URL_LEAD and URL_PADDING zeroed
 * bytes, and marks in @masks, one word for each 64 bytes, the bytes that
 * are part of a token: each byte is read once for both. The words are
 * set up to one past the URL's last. With a URL too long for @buffer
 * and @masks, which holds URL_MASK_WORDS words, both are in one block
 * left in @heap, and @masks is pointed there. Returns the copy and its
 * length in @len. */
#define URL_MASK_WORDS (URL_BUFFER_SIZE / 64 + 2)

/* Inlined: a call costs a twentieth of a short URL's decision. */
static inline __attribute__ ((__always_inline__)) const char *
lowercase_and_mark (const char *src,
                    char       *buffer,
                    guint64   **masks_inout,
                    gpointer   *heap,
                    gsize      *len)
{
  char *dest = buffer;
  guint64 *masks = *masks_inout;
  gsize i = 0;

  *len = strlen (src);
  if (URL_LEAD + *len + URL_PADDING > URL_BUFFER_SIZE)
    {
      gsize n_words = *len / 64 + 2;

      masks = *masks_inout = *heap = g_malloc (n_words * sizeof (guint64) + URL_LEAD + *len + URL_PADDING);
      dest = (char *) (masks + n_words);
    }

  memset (dest, 0, URL_LEAD);
  dest += URL_LEAD;

#ifdef __SSE2__
  /* A word of bits from four blocks at a time. */
  for (; i + 64 <= *len; i += 64)
    {
      masks[i / 64] = lower_block (dest + i, src + i) |
                      lower_block (dest + i + 16, src + i + 16) << 16 |
                      lower_block (dest + i + 32, src + i + 32) << 32 |
                      lower_block (dest + i + 48, src + i + 48) << 48;
    }
  if (*len >= 16)
    {
      guint64 bits = 0;
      gsize j = i;
      gsize last = *len - 16;

      for (; j + 16 <= *len; j += 16)
        bits |= lower_block (dest + j, src + j) << (j - i);
      /* The last block ends at the end, and may start in the word
       * before: the bytes read twice give the same bytes and bits. */
      if (j < *len)
        {
          guint64 last_bits = lower_block (dest + last, src + last);

          bits |= last >= i ? last_bits << (last - i) : last_bits >> (i - last);
        }
      masks[i / 64] = bits;
      i = *len;
    }
#endif
  if (i < *len)
    {
      guint64 bits = 0;
      gsize word_start = i;

      for (; i < *len; i++)
        {
          dest[i] = to_lower (src[i]);
          bits |= (guint64) token_chars[(guchar) src[i]] << (i - word_start);
        }
      masks[word_start / 64] = bits;
    }
  else if (*len % 64 == 0)
    {
      masks[*len / 64] = 0;
    }
  masks[*len / 64 + 1] = 0;
  memset (dest + *len, 0, URL_PADDING);

  return dest;
}

/* Copies the host of @parts lower-cased into @buffer, nul-terminated and
 * padded with nuls for the hashes that read whole words. With @lower,
 * the URL is the lower-cased, padded copy, and is copied sixteen bytes
 * at a time: a host is a block or two, and a call to memcpy() costs
 * more. */
static inline gboolean
copy_host (const UrlParts *parts,
           gboolean        lower,
           char           *buffer)
{
  gsize len = parts->host_end - parts->host_start;

  G_STATIC_ASSERT (HOST_BUFFER_SIZE % 16 == 0 && URL_PADDING >= 16);

  if (len >= HOST_BUFFER_SIZE)
    return FALSE;

  if (lower)
    {
#ifdef __SSE2__
      for (gsize i = 0; i < len; i += 16)
        _mm_storeu_si128 ((__m128i *) (gpointer) (buffer + i),
                          _mm_loadu_si128 ((const __m128i *) (gconstpointer) (parts->url + parts->host_start + i)));
#else
      memcpy (buffer, parts->url + parts->host_start, len);
#endif
    }
  else
    {
      lowercase_copy (buffer, parts->url + parts->host_start, len);
    }
  memset (buffer + len, 0, HASH_PADDING);

  return TRUE;
}

G_END_DECLS
