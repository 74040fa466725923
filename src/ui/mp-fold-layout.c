/* SPDX-License-Identifier: GPL-3.0-or-later
 * Copyright 2026 The Meldpunt developers
 *
 * The calendar's layout: the month and the agenda beside each other on a
 * wide window, the agenda under the month on a narrow one (issue 16). A
 * layout manager rather than an allocation hook, so that the minimum width
 * it asks for is the folded one and no size is changed while allocating.
 */
#include "config.h"

#include "mp-fold-layout.h"

struct _MpFoldLayout
{
  GtkLayoutManager parent_instance;

  int      main_width;
  int      side_width;
  int      folded_main_height;
  gboolean folded;
};

G_DEFINE_FINAL_TYPE (MpFoldLayout, mp_fold_layout, GTK_TYPE_LAYOUT_MANAGER)

typedef struct
{
  GtkWidget *main;
  GtkWidget *separator;
  GtkWidget *side;
} Children;

static Children
get_children (GtkWidget *widget)
{
  Children children = { NULL, };

  children.main = gtk_widget_get_first_child (widget);
  if (children.main != NULL)
    children.separator = gtk_widget_get_next_sibling (children.main);
  if (children.separator != NULL)
    children.side = gtk_widget_get_next_sibling (children.separator);
  return children;
}

static int
measure_one (GtkWidget      *child,
             GtkOrientation  orientation,
             int             for_size,
             int            *natural)
{
  int minimum = 0, nat = 0;

  if (child != NULL && gtk_widget_should_layout (child))
    gtk_widget_measure (child, orientation, for_size, &minimum, &nat, NULL, NULL);
  if (natural != NULL)
    *natural = nat;
  return minimum;
}

/* The width from which main and side fit beside each other. */
static int
wide_width (MpFoldLayout *self,
            Children     *children)
{
  int main_min = measure_one (children->main, GTK_ORIENTATION_HORIZONTAL, -1, NULL);
  int separator = measure_one (children->separator, GTK_ORIENTATION_HORIZONTAL, -1, NULL);
  int side_min = measure_one (children->side, GTK_ORIENTATION_HORIZONTAL, -1, NULL);

  return MAX (main_min, self->main_width) + separator + MAX (side_min, self->side_width);
}

static int
folded_main_height (MpFoldLayout *self,
                    Children     *children,
                    int           width)
{
  int natural = 0;
  int minimum = measure_one (children->main, GTK_ORIENTATION_VERTICAL, width, &natural);

  return MAX (MAX (minimum, natural), self->folded_main_height);
}

static GtkSizeRequestMode
mp_fold_layout_get_request_mode (GtkLayoutManager *manager,
                                 GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
mp_fold_layout_measure (GtkLayoutManager *manager,
                        GtkWidget        *widget,
                        GtkOrientation    orientation,
                        int               for_size,
                        int              *minimum,
                        int              *natural,
                        int              *minimum_baseline,
                        int              *natural_baseline)
{
  MpFoldLayout *self = MP_FOLD_LAYOUT (manager);
  Children children = get_children (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int main_nat, side_nat, separator_nat;
      int main_min = measure_one (children.main, orientation, -1, &main_nat);
      int side_min = measure_one (children.side, orientation, -1, &side_nat);

      measure_one (children.separator, orientation, -1, &separator_nat);
      *minimum = MAX (main_min, side_min);
      *natural = MAX (main_nat, self->main_width) + separator_nat + MAX (side_nat, self->side_width);
    }
  else if (for_size < 0 || for_size >= wide_width (self, &children))
    {
      int main_nat, side_nat, separator_nat;
      int main_min = measure_one (children.main, orientation, -1, &main_nat);
      int side_min = measure_one (children.side, orientation, -1, &side_nat);
      int separator_min = measure_one (children.separator, orientation, -1, &separator_nat);

      *minimum = MAX (MAX (main_min, side_min), separator_min);
      *natural = MAX (MAX (main_nat, side_nat), separator_nat);
    }
  else
    {
      /* One under the other: the month its set height, the agenda below. */
      int side_nat;
      int side_min = measure_one (children.side, orientation, for_size, &side_nat);
      int separator = measure_one (children.separator, GTK_ORIENTATION_HORIZONTAL, -1, NULL);
      int main_height = folded_main_height (self, &children, for_size);

      *minimum = main_height + separator + side_min;
      *natural = main_height + separator + MAX (side_nat, side_min);
    }
  *minimum_baseline = *natural_baseline = -1;
}

static void
mp_fold_layout_allocate (GtkLayoutManager *manager,
                         GtkWidget        *widget,
                         int               width,
                         int               height,
                         int               baseline)
{
  MpFoldLayout *self = MP_FOLD_LAYOUT (manager);
  Children children = get_children (widget);
  int separator = measure_one (children.separator, GTK_ORIENTATION_HORIZONTAL, -1, NULL);

  self->folded = width < wide_width (self, &children);
  if (!self->folded)
    {
      int side_width = MAX (measure_one (children.side, GTK_ORIENTATION_HORIZONTAL, -1, NULL),
                            self->side_width);
      int main_width = width - separator - side_width;

      if (children.main != NULL)
        gtk_widget_size_allocate (children.main, &(GtkAllocation) { 0, 0, main_width, height }, -1);
      if (children.separator != NULL)
        {
          gtk_widget_size_allocate (children.separator,
                                    &(GtkAllocation) { main_width, 0, separator, height }, -1);
        }
      if (children.side != NULL)
        gtk_widget_size_allocate (children.side,
                                  &(GtkAllocation) { main_width + separator, 0, side_width, height },
                                  -1);
    }
  else
    {
      int main_height = MIN (folded_main_height (self, &children, width), height);
      int side_top = main_height + separator;

      if (children.main != NULL)
        gtk_widget_size_allocate (children.main, &(GtkAllocation) { 0, 0, width, main_height }, -1);
      /* The vertical separator, laid flat: its width is a line's height. */
      if (children.separator != NULL)
        gtk_widget_size_allocate (children.separator,
                                  &(GtkAllocation) { 0, main_height, width, separator }, -1);
      if (children.side != NULL)
        gtk_widget_size_allocate (children.side,
                                  &(GtkAllocation) { 0, side_top, width, MAX (height - side_top, 0) },
                                  -1);
    }
}

static void
mp_fold_layout_class_init (MpFoldLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  layout_class->get_request_mode = mp_fold_layout_get_request_mode;
  layout_class->measure = mp_fold_layout_measure;
  layout_class->allocate = mp_fold_layout_allocate;
}

static void
mp_fold_layout_init (MpFoldLayout *self)
{
}

GtkLayoutManager *
mp_fold_layout_new (int main_width,
                    int side_width,
                    int folded_main_height)
{
  MpFoldLayout *self = g_object_new (MP_TYPE_FOLD_LAYOUT, NULL);

  self->main_width = main_width;
  self->side_width = side_width;
  self->folded_main_height = folded_main_height;
  return GTK_LAYOUT_MANAGER (self);
}

gboolean
mp_fold_layout_get_folded (MpFoldLayout *self)
{
  g_return_val_if_fail (MP_IS_FOLD_LAYOUT (self), FALSE);
  return self->folded;
}
