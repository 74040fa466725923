/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "mp-report-private.h"

/* The layout engine: a document of blocks becomes pages of drawing
 * operations. Every block is turned into rows of cells (a paragraph is a
 * row of one cell); a row that does not fit moves to the next page, or, when
 * it is taller than a page (or is a paragraph), splits between two lines.
 * Tables repeat their header row on every page they continue on.
 *
 * All measurements are in points. The layout uses a font map of its own at
 * 72 dpi, without hinting, so the result does not depend on the surface it
 * is drawn on and the page count stays right for print and PDF alike. */

#define MARGIN_X        56.7    /* 2 cm */
#define HEADER_TOP      28.0
#define BODY_TOP        72.0
#define BODY_BOTTOM     64.0    /* from the bottom edge */
#define FOOTER_RULE     50.0    /* from the bottom edge */

#define FONT_FAMILY     "DejaVu Sans"

typedef struct
{
  double r, g, b;
} Colour;

static const Colour ink = { 0.11, 0.11, 0.12 };
static const Colour grey_ink = { 0.38, 0.38, 0.40 };
static const Colour accent = { 0.10, 0.24, 0.45 };
static const Colour marking_ink = { 0.66, 0.09, 0.09 };
static const Colour rule_ink = { 0.78, 0.78, 0.80 };
static const Colour header_fill = { 0.91, 0.92, 0.94 };

typedef enum
{
  OP_TEXT,
  OP_FILL,
  OP_LINE,
} OpKind;

typedef struct
{
  OpKind       kind;
  PangoLayout *layout;      /* OP_TEXT; owned by MpPages.layouts */
  double       x, y;        /* OP_TEXT: origin; OP_FILL/OP_LINE: first corner */
  double       w, h;        /* OP_TEXT: clip band from clip_y, h < 0 for none; others: size */
  double       clip_y;
  Colour       colour;
  double       line_width;
} Op;

struct _MpPages
{
  double        width;
  double        height;
  PangoFontMap *font_map;
  PangoContext *context;
  GPtrArray    *layouts;    /* every PangoLayout the ops point at */
  GPtrArray    *pages;      /* of GArray of Op */
  PangoLayout  *organisation;
  PangoLayout  *marking;
  PangoLayout  *footer;
  PangoLayout  *continued;  /* marks a row that goes on from the page before */
};

typedef enum
{
  ROW_PLAIN,
  ROW_TABLE_HEADER,
  ROW_TABLE,
  ROW_FIELDS,
} RowStyle;

typedef struct
{
  guint        n_cells;
  PangoLayout *cells[MP_DOC_MAX_COLUMNS];
  double       x[MP_DOC_MAX_COLUMNS];
  Colour       colour[MP_DOC_MAX_COLUMNS];
  double       pad;         /* above and below the content */
  double       height;      /* the content's height */
  RowStyle     style;
  gboolean     keep;        /* move to the next page rather than split */
} Row;

typedef struct
{
  MpPages  *pages;
  double    left, right, top, bottom;
  double    y;
  GArray   *page;
  gboolean  page_empty;
  Row      *header;         /* the table header to repeat, or NULL */
} Flow;

/* ---- the document ------------------------------------------------------ */

static void
block_free (gpointer data)
{
  MpBlock *block = data;

  g_free (block->text);
  for (guint i = 0; i < MP_DOC_MAX_COLUMNS; i++)
    g_free (block->header[i]);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_free (block);
}

MpDocument *
_mp_document_new (const char *language)
{
  MpDocument *doc = g_new0 (MpDocument, 1);

  doc->language = g_strdup (g_strcmp0 (language, "nl") == 0 ? "nl" : "en");
  doc->blocks = g_ptr_array_new_with_free_func (block_free);
  return doc;
}

void
_mp_document_free (MpDocument *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->language);
  g_free (doc->organisation);
  g_free (doc->marking);
  g_free (doc->footer);
  g_ptr_array_unref (doc->blocks);
  g_free (doc);
}

void
_mp_document_add_text (MpDocument  *doc,
                       MpBlockKind  kind,
                       const char  *text)
{
  MpBlock *block = g_new0 (MpBlock, 1);

  block->kind = kind;
  block->text = g_strdup (text != NULL ? text : "");
  g_ptr_array_add (doc->blocks, block);
}

MpBlock *
_mp_document_add_fields (MpDocument *doc)
{
  MpBlock *block = g_new0 (MpBlock, 1);

  block->kind = MP_BLOCK_FIELDS;
  block->n_columns = 2;
  block->widths[0] = 1.3;
  block->widths[1] = 2.7;
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_ptr_array_add (doc->blocks, block);
  return block;
}

MpBlock *
_mp_document_add_table (MpDocument *doc,
                        guint       n_columns,
                        ...)
{
  MpBlock *block = g_new0 (MpBlock, 1);
  va_list args;

  g_assert (n_columns > 0 && n_columns <= MP_DOC_MAX_COLUMNS);

  block->kind = MP_BLOCK_TABLE;
  block->n_columns = n_columns;
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  va_start (args, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      const char *header = va_arg (args, const char *);

      g_assert (header != NULL);
      block->header[i] = g_strdup (header);
      block->widths[i] = va_arg (args, double);
    }
  g_assert (va_arg (args, const char *) == NULL);
  va_end (args);
  g_ptr_array_add (doc->blocks, block);
  return block;
}

void
_mp_block_add_rowv (MpBlock     *block,
                    const char **cells)
{
  char **row = g_new0 (char *, block->n_columns + 1);

  for (guint i = 0; i < block->n_columns; i++)
    row[i] = g_strdup (cells[i] != NULL ? cells[i] : "");
  g_ptr_array_add (block->rows, row);
}

void
_mp_block_add_row (MpBlock *block,
                   ...)
{
  const char *cells[MP_DOC_MAX_COLUMNS] = { NULL, };
  va_list args;

  va_start (args, block);
  for (guint i = 0; i < block->n_columns; i++)
    cells[i] = va_arg (args, const char *);
  va_end (args);
  _mp_block_add_rowv (block, cells);
}

/* ---- measuring --------------------------------------------------------- */

static PangoLayout *
make_layout (MpPages    *pages,
             const char *font,
             const char *text,
             double      width)
{
  PangoLayout *layout = pango_layout_new (pages->context);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  g_ptr_array_add (pages->layouts, layout);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

/* How much of @row, from @offset down, fits into @room without cutting a
 * line of any cell in two. */
static double
find_cut (const Row *row,
          double     offset,
          double     room)
{
  double cut = room;
  gboolean changed = TRUE;

  while (changed)
    {
      changed = FALSE;
      for (guint i = 0; i < row->n_cells; i++)
        {
          PangoLayoutIter *iter = pango_layout_get_iter (row->cells[i]);

          do
            {
              int y0, y1;
              double top, bottom;

              pango_layout_iter_get_line_yrange (iter, &y0, &y1);
              top = (double) y0 / PANGO_SCALE - offset;
              bottom = (double) y1 / PANGO_SCALE - offset;
              if (top < cut && bottom > cut + 0.01)
                {
                  cut = top;
                  changed = TRUE;
                }
            }
          while (pango_layout_iter_next_line (iter));
          pango_layout_iter_free (iter);
        }
    }
  return cut;
}

/* ---- placing ----------------------------------------------------------- */

static void
add_op (Flow     *flow,
        const Op *op)
{
  g_array_append_vals (flow->page, op, 1);
}

static void place_header (Flow *flow);

static void
flow_new_page (Flow *flow)
{
  flow->page = g_array_new (FALSE, TRUE, sizeof (Op));
  g_ptr_array_add (flow->pages->pages, flow->page);
  flow->y = flow->top;
  flow->page_empty = TRUE;
  if (flow->header != NULL)
    place_header (flow);
}

/* Emits the part of @row from @offset, @length high, at the cursor. */
static void
emit_chunk (Flow      *flow,
            const Row *row,
            double     offset,
            double     length)
{
  double height = length + 2 * row->pad;
  gboolean whole = offset <= 0 && length >= row->height;

  if (row->style == ROW_TABLE_HEADER)
    {
      Op fill = { OP_FILL, NULL, flow->left, flow->y, flow->right - flow->left, height, 0,
                  header_fill, 0 };

      add_op (flow, &fill);
    }

  if (row->style == ROW_TABLE && offset > 0 && row->n_cells > 1)
    {
      /* The first column is empty here; say whose text goes on. */
      Op text = { OP_TEXT, flow->pages->continued, row->x[0], flow->y + row->pad, 0, -1, 0,
                  grey_ink, 0 };

      add_op (flow, &text);
    }

  for (guint i = 0; i < row->n_cells; i++)
    {
      Op text = { OP_TEXT, row->cells[i], row->x[i], flow->y + row->pad - offset, 0,
                  whole ? -1 : length, flow->y + row->pad, row->colour[i], 0 };

      add_op (flow, &text);
    }

  if (row->style == ROW_TABLE || row->style == ROW_TABLE_HEADER)
    {
      Op line = { OP_LINE, NULL, flow->left, flow->y + height, flow->right - flow->left, 0, 0,
                  row->style == ROW_TABLE_HEADER ? grey_ink : rule_ink,
                  row->style == ROW_TABLE_HEADER ? 0.8 : 0.5 };

      add_op (flow, &line);
    }

  flow->y += height;
}

static void
place_row (Flow      *flow,
           const Row *row)
{
  double offset = 0;

  for (;;)
    {
      double room = flow->bottom - flow->y - 2 * row->pad;
      double full = flow->bottom - flow->top - 2 * row->pad;
      double cut;

      if (flow->header != NULL && row != flow->header)
        full -= flow->header->height + 2 * flow->header->pad;

      if (row->height - offset <= room + 0.01)
        {
          emit_chunk (flow, row, offset, row->height - offset);
          flow->page_empty = FALSE;
          return;
        }

      /* A row that fits on a fresh page is not cut. */
      if (row->keep && !flow->page_empty && offset <= 0 && row->height <= full)
        {
          flow_new_page (flow);
          continue;
        }

      cut = room > 0 ? find_cut (row, offset, room) : 0;
      if (cut <= 0.01)
        {
          if (!flow->page_empty)
            {
              flow_new_page (flow);
              continue;
            }
          /* A single line taller than the page: cut it anyway. */
          cut = MAX (room, 1.0);
        }
      emit_chunk (flow, row, offset, cut);
      offset += cut;
      flow_new_page (flow);
    }
}

static void
place_header (Flow *flow)
{
  Row *header = flow->header;

  /* The header is placed whole; page_empty stays TRUE so that the row after
   * it is never pushed on again. */
  flow->header = NULL;
  emit_chunk (flow, header, 0, header->height);
  flow->header = header;
}

static void
row_init (Row      *row,
          RowStyle  style,
          double    pad)
{
  memset (row, 0, sizeof *row);
  row->style = style;
  row->pad = pad;
  row->keep = style != ROW_PLAIN;
}

static void
row_add_cell (Row         *row,
              PangoLayout *layout,
              double       x,
              Colour       colour)
{
  g_assert (row->n_cells < MP_DOC_MAX_COLUMNS);
  row->cells[row->n_cells] = layout;
  row->x[row->n_cells] = x;
  row->colour[row->n_cells] = colour;
  row->n_cells++;
  row->height = MAX (row->height, layout_height (layout));
}

static void
place_text (Flow       *flow,
            const char *font,
            const char *text,
            Colour      colour,
            gboolean    keep)
{
  Row row;

  row_init (&row, ROW_PLAIN, 0);
  row.keep = keep;
  row_add_cell (&row, make_layout (flow->pages, font, text, flow->right - flow->left), flow->left,
                colour);
  place_row (flow, &row);
}

static void
space (Flow   *flow,
       double  amount)
{
  if (!flow->page_empty)
    flow->y = MIN (flow->y + amount, flow->bottom);
}

/* Moves to a new page unless @needed points are left. */
static void
need (Flow   *flow,
      double  needed)
{
  if (!flow->page_empty && flow->y + needed > flow->bottom)
    flow_new_page (flow);
}

static void
column_positions (const MpBlock *block,
                  double         left,
                  double         right,
                  double         gap,
                  double        *x,
                  double        *width)
{
  double total = 0, at = left;

  for (guint i = 0; i < block->n_columns; i++)
    total += block->widths[i] > 0 ? block->widths[i] : 1.0;
  for (guint i = 0; i < block->n_columns; i++)
    {
      double share = (block->widths[i] > 0 ? block->widths[i] : 1.0) / total;
      double column = (right - left) * share;

      x[i] = at + gap;
      width[i] = column - 2 * gap;
      at += column;
    }
}

static void
place_table (Flow          *flow,
             const MpBlock *block)
{
  double x[MP_DOC_MAX_COLUMNS], width[MP_DOC_MAX_COLUMNS];
  gboolean fields = block->kind == MP_BLOCK_FIELDS;
  Row header;

  column_positions (block, flow->left, flow->right, fields ? 2.0 : 4.0, x, width);

  if (!fields)
    {
      row_init (&header, ROW_TABLE_HEADER, 3.5);
      for (guint i = 0; i < block->n_columns; i++)
        row_add_cell (&header,
                      make_layout (flow->pages, block->small ? FONT_FAMILY " Bold 6.8"
                                                             : FONT_FAMILY " Bold 7.5",
                                   block->header[i], width[i]),
                      x[i], ink);
    }

  for (guint r = 0; r < block->rows->len; r++)
    {
      char **cells = g_ptr_array_index (block->rows, r);
      Row row;

      row_init (&row, fields ? ROW_FIELDS : ROW_TABLE, fields ? 2.0 : 3.0);
      for (guint i = 0; i < block->n_columns; i++)
        {
          const char *font = fields && i == 0 ? FONT_FAMILY " Bold 8"
                             : block->monospace ? FONT_FAMILY " Mono 8"
                             : block->small ? FONT_FAMILY " 7"
                             : FONT_FAMILY " 8";

          row_add_cell (&row, make_layout (flow->pages, font, cells[i], width[i]), x[i],
                        fields && i == 0 ? grey_ink : ink);
        }

      if (r == 0 && !fields)
        {
          /* The header goes with at least the first row (or its first lines). */
          need (flow, header.height + 2 * header.pad + MIN (row.height + 2 * row.pad, 40.0));
          flow->header = &header;
          place_header (flow);
        }
      place_row (flow, &row);
    }
  flow->header = NULL;
}

static void
place_block (Flow          *flow,
             const MpBlock *block)
{
  switch (block->kind)
    {
    case MP_BLOCK_TITLE:
      place_text (flow, FONT_FAMILY " Bold 16", block->text, ink, TRUE);
      space (flow, 3);
      break;

    case MP_BLOCK_SUBTITLE:
      place_text (flow, FONT_FAMILY " 9.5", block->text, grey_ink, TRUE);
      space (flow, 8);
      break;

    case MP_BLOCK_HEADING:
      {
        Op line;

        space (flow, 14);
        need (flow, 56);
        place_text (flow, FONT_FAMILY " Bold 11.5", block->text, accent, TRUE);
        line = (Op) { OP_LINE, NULL, flow->left, flow->y + 2, flow->right - flow->left, 0, 0,
                      accent, 0.6 };
        add_op (flow, &line);
        space (flow, 7);
      }
      break;

    case MP_BLOCK_SUBHEADING:
      space (flow, 6);
      need (flow, 50);
      place_text (flow, FONT_FAMILY " Bold 9", block->text, ink, TRUE);
      space (flow, 3);
      break;

    case MP_BLOCK_PARAGRAPH:
      place_text (flow, FONT_FAMILY " 8.5", block->text, ink, FALSE);
      space (flow, 5);
      break;

    case MP_BLOCK_NOTE:
      place_text (flow, FONT_FAMILY " Oblique 7.5", block->text, grey_ink, FALSE);
      space (flow, 5);
      break;

    case MP_BLOCK_FIELDS:
    case MP_BLOCK_TABLE:
      if (block->rows->len > 0)
        place_table (flow, block);
      space (flow, 6);
      break;

    default:
      g_assert_not_reached ();
    }
}

/* ---- pages ------------------------------------------------------------- */

MpPages *
_mp_pages_new (const MpDocument *doc,
               double            width,
               double            height)
{
  MpPages *pages = g_new0 (MpPages, 1);
  cairo_font_options_t *options = cairo_font_options_create ();
  Flow flow = { 0, };

  pages->width = width;
  pages->height = height;
  /* A font map of our own: thread-safe, and at 72 dpi a point is a unit. */
  pages->font_map = pango_cairo_font_map_new ();
  pango_cairo_font_map_set_resolution (PANGO_CAIRO_FONT_MAP (pages->font_map), 72.0);
  pages->context = pango_font_map_create_context (pages->font_map);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pages->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (pages->context, FALSE);
  pango_context_set_language (pages->context, pango_language_from_string (doc->language));

  pages->layouts = g_ptr_array_new_with_free_func (g_object_unref);
  pages->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  pages->organisation = make_layout (pages, FONT_FAMILY " Bold 8.5", doc->organisation,
                                     (width - 2 * MARGIN_X) * 0.55);
  pages->marking = make_layout (pages, FONT_FAMILY " Bold 8.5", doc->marking, -1);
  pages->footer = make_layout (pages, FONT_FAMILY " 7.5", doc->footer,
                               (width - 2 * MARGIN_X) * 0.7);
  pages->continued = make_layout (pages, FONT_FAMILY " Oblique 7",
                                  _mp_report_tr (doc->language, "(continued)"), -1);
  pango_layout_set_ellipsize (pages->organisation, PANGO_ELLIPSIZE_END);
  pango_layout_set_ellipsize (pages->footer, PANGO_ELLIPSIZE_END);

  flow.pages = pages;
  flow.left = MARGIN_X;
  flow.right = width - MARGIN_X;
  flow.top = BODY_TOP;
  flow.bottom = height - BODY_BOTTOM;
  flow_new_page (&flow);

  for (guint i = 0; i < doc->blocks->len; i++)
    place_block (&flow, g_ptr_array_index (doc->blocks, i));

  return pages;
}

void
_mp_pages_free (MpPages *pages)
{
  if (pages == NULL)
    return;
  g_ptr_array_unref (pages->pages);
  g_ptr_array_unref (pages->layouts);
  g_object_unref (pages->context);
  g_object_unref (pages->font_map);
  g_free (pages);
}

guint
_mp_pages_get_n_pages (MpPages *pages)
{
  return pages->pages->len;
}

static void
set_colour (cairo_t *cr,
            Colour   colour)
{
  cairo_set_source_rgb (cr, colour.r, colour.g, colour.b);
}

static void
show_layout (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y,
             Colour       colour)
{
  cairo_move_to (cr, x, y);
  set_colour (cr, colour);
  pango_cairo_show_layout (cr, layout);
}

/* Draws the lines of a split layout that belong to this page's part: only
 * those, rather than all of them under a clip, so that no line is in the
 * PDF twice (text under a clip is still there for copying and searching). */
static void
show_layout_part (cairo_t  *cr,
                  const Op *op)
{
  PangoLayoutIter *iter = pango_layout_get_iter (op->layout);
  double from = op->clip_y - op->y, to = from + op->h;

  cairo_save (cr);
  cairo_rectangle (cr, 0, op->clip_y, 1e6, op->h);
  cairo_clip (cr);
  set_colour (cr, op->colour);
  do
    {
      PangoRectangle logical;
      int y0, y1;
      double middle;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      middle = (y0 + y1) / 2.0 / PANGO_SCALE;
      if (middle < from || middle >= to)
        continue;
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      cairo_move_to (cr, op->x + (double) logical.x / PANGO_SCALE,
                     op->y + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE);
      pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  cairo_restore (cr);
}

static void
draw_header_and_footer (MpPages          *pages,
                        const MpDocument *doc,
                        cairo_t          *cr,
                        guint             page)
{
  double left = MARGIN_X, right = pages->width - MARGIN_X;
  double header_height = layout_height (pages->organisation);
  double footer_top = pages->height - FOOTER_RULE;
  g_autofree char *page_text = _mp_report_format_page (doc->language, page + 1,
                                                       pages->pages->len);
  PangoLayout *page_layout = pango_layout_new (pages->context);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (FONT_FAMILY " 7.5");
  PangoRectangle logical;

  show_layout (cr, pages->organisation, left, HEADER_TOP, ink);
  pango_layout_get_extents (pages->marking, NULL, &logical);
  show_layout (cr, pages->marking, right - (double) logical.width / PANGO_SCALE, HEADER_TOP,
               marking_ink);

  set_colour (cr, rule_ink);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, left, HEADER_TOP + header_height + 4);
  cairo_line_to (cr, right, HEADER_TOP + header_height + 4);
  cairo_move_to (cr, left, footer_top);
  cairo_line_to (cr, right, footer_top);
  cairo_stroke (cr);

  show_layout (cr, pages->footer, left, footer_top + 5, grey_ink);
  pango_layout_set_font_description (page_layout, desc);
  pango_layout_set_text (page_layout, page_text, -1);
  pango_layout_get_extents (page_layout, NULL, &logical);
  show_layout (cr, page_layout, right - (double) logical.width / PANGO_SCALE, footer_top + 5,
               grey_ink);
  g_object_unref (page_layout);
}

void
_mp_pages_draw (MpPages          *pages,
                const MpDocument *doc,
                cairo_t          *cr,
                guint             page)
{
  GArray *ops;

  g_return_if_fail (page < pages->pages->len);

  ops = g_ptr_array_index (pages->pages, page);
  cairo_save (cr);
  draw_header_and_footer (pages, doc, cr, page);

  for (guint i = 0; i < ops->len; i++)
    {
      const Op *op = &g_array_index (ops, Op, i);

      switch (op->kind)
        {
        case OP_FILL:
          set_colour (cr, op->colour);
          cairo_rectangle (cr, op->x, op->y, op->w, op->h);
          cairo_fill (cr);
          break;

        case OP_LINE:
          set_colour (cr, op->colour);
          cairo_set_line_width (cr, op->line_width);
          cairo_move_to (cr, op->x, op->y);
          cairo_line_to (cr, op->x + op->w, op->y + op->h);
          cairo_stroke (cr);
          break;

        case OP_TEXT:
          if (op->h < 0)
            show_layout (cr, op->layout, op->x, op->y, op->colour);
          else
            show_layout_part (cr, op);
          break;

        default:
          g_assert_not_reached ();
        }
    }
  cairo_restore (cr);
}
