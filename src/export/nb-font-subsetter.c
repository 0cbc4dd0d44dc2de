/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nb-font-subsetter.c — draws text with small copies of the faces it uses */
#include "config.h"

#include <cairo-ft.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>
#include <hb-subset.h>
#include <pango/pangocairo.h>

#include "nb-font-subsetter.h"

/* A face's small copy. The process keeps the latest one of each face, so
 * that exporting again (the window's case) subsets nothing unless the
 * pages show a glyph it lacks. */
typedef struct
{
  gatomicrefcount     ref;
  hb_set_t           *glyphs;      /* the whole face's glyph ids it holds */
  hb_map_t           *old_to_new;  /* those ids → the small face's */
  hb_map_t           *chars;       /* glyph id → a character the cmap maps to it */
  hb_blob_t          *blob;        /* the small font */
  GMutex              lock;        /* for faces[] */
  /* One cairo face per synthesis (Pango emboldens faces without a bold). */
  cairo_font_face_t  *faces[4];
} Small;

typedef struct
{
  hb_face_t           *source;     /* Pango's face: the whole font file */
  cairo_scaled_font_t *scaled;     /* one of its cairo fonts (FreeType's copy of the file) */
  hb_set_t            *glyphs;     /* glyph ids the pages show */
  hb_map_t            *chars;      /* those of them a character maps to → it */
  Small               *small;      /* NULL: drawn by Pango, or as it is */
  gboolean             direct;     /* TrueType: drawn with its own face and ids */
  /* prepare(): what to subset when the process has no small face to reuse */
  hb_set_t            *wanted;
  hb_map_t            *wanted_chars; /* a character for each, or NULL */
} Face;

struct _NbFontSubsetter
{
  GObject     parent_instance;

  GHashTable *faces;   /* hb_face_t* → Face* */
  guint       n_subset;
  guint       n_fallback;
  gboolean    prepared;
};

G_DEFINE_FINAL_TYPE (NbFontSubsetter, nb_font_subsetter, G_TYPE_OBJECT)

/* FreeType's library object is not thread-safe for creating and freeing
 * faces; exports run in worker threads. One for the process. */
static GMutex ft_lock;
static FT_Library ft_library;

/* The small faces of the process: Pango's hb_face_t (referenced) → Small. */
static GMutex cache_lock;
static GHashTable *cache;

static FT_Library
get_ft_library (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      if (FT_Init_FreeType (&ft_library) != 0)
        ft_library = NULL;
      g_once_init_leave (&once, 1);
    }
  return ft_library;
}

typedef struct
{
  FT_Face    ft_face;
  hb_blob_t *blob;
} FaceKeep;

static const cairo_user_data_key_t keep_key;

/* cairo may keep a face in its caches after we are gone: the FreeType face
 * and the bytes under it go when cairo lets go of the last reference. */
static void
keep_free (void *data)
{
  FaceKeep *keep = data;

  g_mutex_lock (&ft_lock);
  FT_Done_Face (keep->ft_face);
  g_mutex_unlock (&ft_lock);
  hb_blob_destroy (keep->blob);
  g_free (keep);
}

static Small *
small_ref (Small *small)
{
  g_atomic_ref_count_inc (&small->ref);
  return small;
}

static void
small_unref (gpointer data)
{
  Small *small = data;

  if (small == NULL || !g_atomic_ref_count_dec (&small->ref))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (small->faces); i++)
    if (small->faces[i] != NULL)
      cairo_font_face_destroy (small->faces[i]);
  g_mutex_clear (&small->lock);
  hb_map_destroy (small->old_to_new);
  hb_map_destroy (small->chars);
  hb_set_destroy (small->glyphs);
  hb_blob_destroy (small->blob);
  g_free (small);
}

static void
face_free (gpointer data)
{
  Face *face = data;

  small_unref (face->small);
  hb_set_destroy (face->wanted);
  hb_map_destroy (face->wanted_chars);
  hb_set_destroy (face->glyphs);
  hb_map_destroy (face->chars);
  cairo_scaled_font_destroy (face->scaled);
  hb_face_destroy (face->source);
  g_free (face);
}

static void
nb_font_subsetter_finalize (GObject *object)
{
  NbFontSubsetter *self = NB_FONT_SUBSETTER (object);

  g_hash_table_unref (self->faces);
  G_OBJECT_CLASS (nb_font_subsetter_parent_class)->finalize (object);
}

static void
nb_font_subsetter_class_init (NbFontSubsetterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = nb_font_subsetter_finalize;
}

static void
nb_font_subsetter_init (NbFontSubsetter *self)
{
  self->faces = g_hash_table_new_full (NULL, NULL, NULL, face_free);
}

NbFontSubsetter *
nb_font_subsetter_new (void)
{
  return g_object_new (NB_TYPE_FONT_SUBSETTER, NULL);
}

/* Only faces that cairo draws through FreeType can be swapped for a subset
 * (on Windows' own font backend Pango draws as usual). */
static cairo_scaled_font_t *
ft_scaled_font (PangoFont *font)
{
  cairo_scaled_font_t *scaled;

  if (font == NULL || !PANGO_IS_CAIRO_FONT (font))
    return NULL;
  scaled = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (font));
  if (scaled == NULL || cairo_scaled_font_get_type (scaled) != CAIRO_FONT_TYPE_FT)
    return NULL;
  return scaled;
}

static Face *
face_for (NbFontSubsetter *self,
          PangoFont       *font,
          gboolean         create)
{
  cairo_scaled_font_t *scaled;
  hb_font_t *hb_font;
  hb_face_t *source;
  Face *face;

  if ((scaled = ft_scaled_font (font)) == NULL)
    return NULL;
  hb_font = pango_font_get_hb_font (font);
  if (hb_font == NULL)
    return NULL;
  source = hb_font_get_face (hb_font);
  face = g_hash_table_lookup (self->faces, source);
  if (face == NULL && create)
    {
      face = g_new0 (Face, 1);
      face->source = hb_face_reference (source);
      face->scaled = cairo_scaled_font_reference (scaled);
      face->glyphs = hb_set_create ();
      face->chars = hb_map_create ();
      g_hash_table_insert (self->faces, source, face);
    }
  return face;
}

static gboolean
run_is_simple (PangoGlyphItem *run)
{
  /* Right-to-left runs and Pango's hex boxes for missing glyphs are left to
   * Pango. */
  if (run->item->analysis.level % 2 != 0)
    return FALSE;
  for (int i = 0; i < run->glyphs->num_glyphs; i++)
    if (run->glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
      return FALSE;
  return TRUE;
}

/* Notes which of @run's glyphs the cmap maps one of its characters to: a
 * face whose glyphs all have one is subset by its characters, which takes
 * harfbuzz a quarter of the time (by glyph ids it first maps the whole
 * cmap of the face, some 40M instructions a Noto CJK face). */
static void
note_chars (Face           *face,
            hb_font_t      *hb_font,
            const char     *text,
            PangoGlyphItem *run)
{
  PangoGlyphItemIter iter;

  for (gboolean more = pango_glyph_item_iter_init_start (&iter, run, text);
       more;
       more = pango_glyph_item_iter_next_cluster (&iter))
    for (const char *p = text + iter.start_index; p < text + iter.end_index; p = g_utf8_next_char (p))
      {
        hb_codepoint_t nominal;

        if (!hb_font_get_nominal_glyph (hb_font, g_utf8_get_char (p), &nominal))
          continue;
        for (int i = iter.start_glyph; i < iter.end_glyph; i++)
          if (run->glyphs->glyphs[i].glyph == nominal && !hb_map_has (face->chars, nominal))
            hb_map_set (face->chars, nominal, g_utf8_get_char (p));
      }
}

void
nb_font_subsetter_add_layout_line (NbFontSubsetter *self,
                                   PangoLayoutLine *line)
{
  const char *text;

  g_return_if_fail (NB_IS_FONT_SUBSETTER (self));
  g_return_if_fail (!self->prepared);

  text = pango_layout_get_text (line->layout);
  for (GSList *l = line->runs; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;
      hb_font_t *hb_font;
      Face *face;

      if (!run_is_simple (run) || !(face = face_for (self, run->item->analysis.font, TRUE)))
        continue;
      hb_font = pango_font_get_hb_font (run->item->analysis.font);
      for (int i = 0; i < run->glyphs->num_glyphs; i++)
        if (run->glyphs->glyphs[i].glyph != PANGO_GLYPH_EMPTY)
          hb_set_add (face->glyphs, run->glyphs->glyphs[i].glyph);
      note_chars (face, hb_font, text, run);
    }
}

void
nb_font_subsetter_add_layout (NbFontSubsetter *self,
                              PangoLayout     *layout)
{
  g_return_if_fail (PANGO_IS_LAYOUT (layout));

  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    nb_font_subsetter_add_layout_line (self, l->data);
}

/* A FreeType face over the small font's bytes (which it does not copy). */
static FT_Face
new_ft_face (hb_blob_t *blob)
{
  FT_Library library = get_ft_library ();
  unsigned int length;
  const char *data = hb_blob_get_data (blob, &length);
  FT_Face ft_face = NULL;
  FT_Error status;

  if (library == NULL || length == 0)
    return NULL;
  g_mutex_lock (&ft_lock);
  status = FT_New_Memory_Face (library, (const FT_Byte *) data, length, 0, &ft_face);
  g_mutex_unlock (&ft_lock);
  return status == 0 ? ft_face : NULL;
}

static const char dropped_tables[][5] = {
  "GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "vhea", "vmtx", "VORG", "DSIG", "kern", "cmap",
};

/* @glyphs of @source as a small font, or NULL. */
static Small *
subset_face (hb_face_t      *source,
             const hb_set_t *glyphs,
             const hb_map_t *chars)
{
  hb_subset_input_t *input;
  hb_subset_plan_t *plan;
  hb_face_t *small_face;
  Small *small;
  FT_Face probe;

  input = hb_subset_input_create_or_fail ();
  if (input == NULL)
    return NULL;
  if (chars != NULL)
    {
      hb_set_t *unicodes = hb_subset_input_unicode_set (input);
      hb_codepoint_t g = HB_SET_VALUE_INVALID;

      while (hb_set_next (glyphs, &g))
        if (hb_map_has (chars, g))  /* all but .notdef */
          hb_set_add (unicodes, hb_map_get (chars, g));
    }
  else
    hb_set_union (hb_subset_input_glyph_set (input), glyphs);
  /* cairo draws glyph ids: the shaping and vertical tables are of no use,
   * and dropping GSUB spares the closure over it (which reads most of a
   * CJK face). Nor is the cmap: each glyph's text comes with its cluster
   * (the PDF's ToUnicode map), and cairo, which looks every new glyph's
   * character up in the cmap all the same, then has none to walk. */
  for (guint i = 0; i < G_N_ELEMENTS (dropped_tables); i++)
    hb_set_add (hb_subset_input_set (input, HB_SUBSET_SETS_DROP_TABLE_TAG),
                HB_TAG (dropped_tables[i][0], dropped_tables[i][1], dropped_tables[i][2], dropped_tables[i][3]));
  /* New glyph ids (the plan maps Pango's to them) and charstrings without
   * subroutines: about a quarter of the time of keeping the ids of a
   * 65,535-glyph face, and the simplest CFF for cairo to subset again.
   * Hinting is of no use in a PDF. */
  hb_subset_input_set_flags (input, HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_DESUBROUTINIZE);
  plan = hb_subset_plan_create_or_fail (source, input);
  hb_subset_input_destroy (input);
  if (plan == NULL)
    return NULL;
  /* By characters, every glyph must have come along (it would not if this
   * cmap differed from Pango's); else by glyph ids. */
  if (chars != NULL)
    {
      const hb_map_t *old_to_new = hb_subset_plan_old_to_new_glyph_mapping (plan);
      hb_codepoint_t g = HB_SET_VALUE_INVALID;

      while (hb_set_next (glyphs, &g))
        if (!hb_map_has (old_to_new, g))
          {
            hb_subset_plan_destroy (plan);
            return subset_face (source, glyphs, NULL);
          }
    }
  small_face = hb_subset_plan_execute_or_fail (plan);
  if (small_face == NULL)
    {
      hb_subset_plan_destroy (plan);
      return NULL;
    }
  small = g_new0 (Small, 1);
  g_atomic_ref_count_init (&small->ref);
  g_mutex_init (&small->lock);
  small->glyphs = hb_set_copy (glyphs);
  small->chars = chars != NULL ? hb_map_copy (chars) : hb_map_create ();
  /* A copy: the plan holds on to @source, which may not outlive this call. */
  small->old_to_new = hb_map_copy (hb_subset_plan_old_to_new_glyph_mapping (plan));
  small->blob = hb_face_reference_blob (small_face);
  hb_face_destroy (small_face);
  hb_subset_plan_destroy (plan);

  /* A subset FreeType cannot read is not used. */
  if ((probe = new_ft_face (small->blob)) == NULL)
    {
      small_unref (small);
      return NULL;
    }
  g_mutex_lock (&ft_lock);
  FT_Done_Face (probe);
  g_mutex_unlock (&ft_lock);
  return small;
}

/* Subsets @face->wanted. harfbuzz reads the face from the bytes FreeType
 * already holds for cairo (Pango's harfbuzz face maps the same file once
 * more): the glyphs' pages, which the layout's glyph metrics made FreeType
 * read, are then not read into memory a second time (18 MB less for the
 * fixture's faces). */
static Small *
subset_wanted (Face *face)
{
  FT_Face ft_face = cairo_ft_scaled_font_lock_face (face->scaled);
  Small *small;

  if (ft_face != NULL && ft_face->stream != NULL && ft_face->stream->base != NULL
      && ft_face->stream->size > 0 && ft_face->stream->size <= G_MAXUINT)
    {
      hb_blob_t *blob = hb_blob_create ((const char *) ft_face->stream->base, ft_face->stream->size,
                                        HB_MEMORY_MODE_READONLY, NULL, NULL);
      hb_face_t *source = hb_face_create (blob, ft_face->face_index & 0xFFFF);

      hb_blob_destroy (blob);
      if (hb_face_get_glyph_count (source) == hb_face_get_glyph_count (face->source))
        small = subset_face (source, face->wanted, face->wanted_chars);
      else
        small = subset_face (face->source, face->wanted, face->wanted_chars);
      hb_face_destroy (source);
    }
  else
    small = subset_face (face->source, face->wanted, face->wanted_chars);
  if (ft_face != NULL)
    cairo_ft_scaled_font_unlock_face (face->scaled);
  return small;
}

typedef struct
{
  GPtrArray *faces;   /* Face*: those to subset */
  gint       next;
} Jobs;

static gpointer
run_jobs (gpointer data)
{
  Jobs *jobs = data;
  int i;

  while ((i = g_atomic_int_add (&jobs->next, 1)) < (int) jobs->faces->len)
    {
      Face *face = g_ptr_array_index (jobs->faces, i);

      face->small = subset_wanted (face);
    }
  return NULL;
}

/* The faces are independent: subset them side by side, one thread a core. */
static void
run_jobs_in_parallel (Jobs *jobs)
{
  guint n_threads = MIN (jobs->faces->len, (guint) MAX (1, g_get_num_processors ()));
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();

  for (guint i = 1; i < n_threads; i++)
    {
      GThread *thread = g_thread_try_new ("nb-subset", run_jobs, jobs, NULL);

      if (thread != NULL)
        g_ptr_array_add (threads, thread);
    }
  run_jobs (jobs);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));
}

/* Glyphs a face's kept small copy may hold beyond those an export needs:
 * a few new ones typed since are added to it, another report's do not pile
 * up. */
static gboolean
worth_merging (const hb_set_t *needed,
               const hb_set_t *merged)
{
  return hb_set_get_population (merged) <= hb_set_get_population (needed) * 3 / 2 + 64;
}

/* A TrueType face: cairo's own subsetter copies only the glyphs it needs
 * (the fixture's AR PL UKai: the same PDF, 16M instructions less than
 * subsetting it with harfbuzz first). */
static gboolean
is_truetype (hb_face_t *face)
{
  hb_blob_t *glyf = hb_face_reference_table (face, HB_TAG ('g', 'l', 'y', 'f'));
  gboolean found = hb_blob_get_length (glyf) > 0;

  hb_blob_destroy (glyf);
  return found;
}

/* A character for each glyph of @face->wanted, or NULL if some glyph has
 * none (one that shaping substituted, say). */
static hb_map_t *
wanted_chars (Face        *face,
              const Small *kept)
{
  hb_map_t *chars = hb_map_create ();
  hb_codepoint_t g = HB_SET_VALUE_INVALID;

  while (hb_set_next (face->wanted, &g))
    {
      if (hb_map_has (face->chars, g))
        hb_map_set (chars, g, hb_map_get (face->chars, g));
      else if (kept != NULL && hb_map_has (kept->chars, g))
        hb_map_set (chars, g, hb_map_get (kept->chars, g));
      else if (g != 0)
        {
          hb_map_destroy (chars);
          return NULL;
        }
    }
  return chars;
}

void
nb_font_subsetter_prepare (NbFontSubsetter *self)
{
  g_autoptr(GPtrArray) todo = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  Jobs jobs;

  g_return_if_fail (NB_IS_FONT_SUBSETTER (self));
  g_return_if_fail (!self->prepared);

  g_mutex_lock (&cache_lock);
  if (cache == NULL)
    cache = g_hash_table_new_full (NULL, NULL, (GDestroyNotify) hb_face_destroy, small_unref);
  g_hash_table_iter_init (&iter, self->faces);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Face *face = value;
      Small *kept = g_hash_table_lookup (cache, face->source);

      if ((face->direct = is_truetype (face->source)))
        continue;

      if (kept != NULL && hb_set_is_subset (face->glyphs, kept->glyphs))
        {
          face->small = small_ref (kept);
          continue;
        }
      face->wanted = hb_set_copy (face->glyphs);
      if (kept != NULL)
        {
          hb_set_union (face->wanted, kept->glyphs);
          if (!worth_merging (face->glyphs, face->wanted))
            hb_set_set (face->wanted, face->glyphs);
        }
      face->wanted_chars = wanted_chars (face, kept);
      g_ptr_array_add (todo, face);
    }
  g_mutex_unlock (&cache_lock);

  jobs.faces = todo;
  jobs.next = 0;
  run_jobs_in_parallel (&jobs);

  g_mutex_lock (&cache_lock);
  for (guint i = 0; i < todo->len; i++)
    {
      Face *face = g_ptr_array_index (todo, i);

      if (face->small != NULL)
        g_hash_table_replace (cache, hb_face_reference (face->source), small_ref (face->small));
      g_clear_pointer (&face->wanted, hb_set_destroy);
      g_clear_pointer (&face->wanted_chars, hb_map_destroy);
    }
  g_mutex_unlock (&cache_lock);

  g_hash_table_iter_init (&iter, self->faces);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Face *face = value;

      if (face->small != NULL || face->direct)
        self->n_subset++;
      else
        self->n_fallback++;
    }
  self->prepared = TRUE;
}

gboolean
nb_font_subsetter_is_prepared (NbFontSubsetter *self)
{
  g_return_val_if_fail (NB_IS_FONT_SUBSETTER (self), FALSE);

  return self->prepared;
}

/* The small face standing in for @font's, with the same synthesis. */
static cairo_font_face_t *
small_face_for (NbFontSubsetter *self,
                PangoFont       *font)
{
  cairo_scaled_font_t *scaled = ft_scaled_font (font);
  cairo_font_face_t *cface;
  Face *face;
  Small *small;
  unsigned int synth;

  if (scaled == NULL || !(face = face_for (self, font, FALSE)))
    return NULL;
  if (face->direct)
    return cairo_scaled_font_get_font_face (scaled);
  if ((small = face->small) == NULL)
    return NULL;
  synth = cairo_ft_font_face_get_synthesize (cairo_scaled_font_get_font_face (scaled)) & 3;
  g_mutex_lock (&small->lock);
  if (small->faces[synth] == NULL)
    {
      FaceKeep *keep = g_new0 (FaceKeep, 1);

      keep->ft_face = new_ft_face (small->blob);
      if (keep->ft_face == NULL)
        {
          g_free (keep);
          g_mutex_unlock (&small->lock);
          return NULL;
        }
      keep->blob = hb_blob_reference (small->blob);
      cface = cairo_ft_font_face_create_for_ft_face (keep->ft_face, 0);
      /* The FreeType face and the bytes under it go when cairo lets go of
       * its face, which may be after we are gone (its caches). */
      if (cairo_font_face_set_user_data (cface, &keep_key, keep, keep_free) != CAIRO_STATUS_SUCCESS)
        {
          keep_free (keep);
          cairo_font_face_destroy (cface);
          g_mutex_unlock (&small->lock);
          return NULL;
        }
      cairo_ft_font_face_set_synthesize (cface, synth);
      small->faces[synth] = cface;
    }
  cface = small->faces[synth];
  g_mutex_unlock (&small->lock);
  return cface;
}

static void
show_run (NbFontSubsetter *self,
          cairo_t         *cr,
          const char      *text,
          PangoGlyphItem  *run,
          double           x,
          double           y)
{
  PangoFont *font = run->item->analysis.font;
  cairo_font_face_t *small = run_is_simple (run) ? small_face_for (self, font) : NULL;
  cairo_scaled_font_t *scaled;
  cairo_matrix_t matrix;
  cairo_font_options_t *options;
  g_autofree cairo_glyph_t *glyphs = NULL;
  g_autofree cairo_text_cluster_t *clusters = NULL;
  PangoGlyphItemIter iter;
  int n_glyphs = 0, n_clusters = 0;
  gboolean more;
  int x_units = 0;
  g_autofree int *x_at = NULL;

  Face *face = small != NULL ? face_for (self, font, FALSE) : NULL;
  /* NULL: the face's own glyph ids */
  const hb_map_t *map = face != NULL && !face->direct ? face->small->old_to_new : NULL;

  /* Every glyph must have its new id (a line that was not noted while
   * collecting has none): else Pango draws the run. */
  for (int i = 0; map != NULL && i < run->glyphs->num_glyphs; i++)
    if (run->glyphs->glyphs[i].glyph != PANGO_GLYPH_EMPTY
        && !hb_map_has (map, run->glyphs->glyphs[i].glyph))
      small = NULL;
  if (small == NULL)
    {
      cairo_move_to (cr, x, y);
      pango_cairo_show_glyph_item (cr, text, run);
      return;
    }

  y -= (double) run->y_offset / PANGO_SCALE;
  /* Where each glyph starts, as Pango's renderer places them. */
  x_at = g_new (int, run->glyphs->num_glyphs);
  for (int i = 0; i < run->glyphs->num_glyphs; i++)
    {
      x_at[i] = x_units;
      x_units += run->glyphs->glyphs[i].geometry.width;
    }

  glyphs = g_new (cairo_glyph_t, MAX (run->glyphs->num_glyphs, 1));
  clusters = g_new (cairo_text_cluster_t, MAX (run->glyphs->num_glyphs, 1));
  for (more = pango_glyph_item_iter_init_start (&iter, run, text);
       more;
       more = pango_glyph_item_iter_next_cluster (&iter))
    {
      int cluster_glyphs = 0;

      for (int i = iter.start_glyph; i < iter.end_glyph; i++)
        {
          PangoGlyphInfo *info = &run->glyphs->glyphs[i];

          if (info->glyph == PANGO_GLYPH_EMPTY)
            continue;
          glyphs[n_glyphs].index = map != NULL ? hb_map_get (map, info->glyph) : info->glyph;
          glyphs[n_glyphs].x = x + (double) (x_at[i] + info->geometry.x_offset) / PANGO_SCALE;
          glyphs[n_glyphs].y = y + (double) info->geometry.y_offset / PANGO_SCALE;
          n_glyphs++;
          cluster_glyphs++;
        }
      clusters[n_clusters].num_bytes = iter.end_index - iter.start_index;
      clusters[n_clusters].num_glyphs = cluster_glyphs;
      n_clusters++;
    }
  if (n_glyphs == 0)
    return;

  scaled = ft_scaled_font (font);
  cairo_save (cr);
  cairo_set_font_face (cr, small);
  cairo_scaled_font_get_font_matrix (scaled, &matrix);
  cairo_set_font_matrix (cr, &matrix);
  options = cairo_font_options_create ();
  cairo_scaled_font_get_font_options (scaled, options);
  cairo_set_font_options (cr, options);
  cairo_font_options_destroy (options);
  /* The text with its clusters keeps the PDF's text searchable and
   * copyable (its ToUnicode map). */
  cairo_show_text_glyphs (cr, text + run->item->offset, run->item->length,
                          glyphs, n_glyphs, clusters, n_clusters, 0);
  cairo_restore (cr);
}

/* Positions stay in doubles: going through cairo's current point again
 * would round them to its fixed point, unlike Pango's renderer. */
static void
show_line_at (NbFontSubsetter *self,
              cairo_t         *cr,
              PangoLayoutLine *line,
              double           x,
              double           y)
{
  const char *text = pango_layout_get_text (line->layout);

  for (GSList *l = line->runs; l != NULL; l = l->next)
    {
      PangoGlyphItem *run = l->data;

      show_run (self, cr, text, run, x, y);
      x += (double) pango_glyph_string_get_width (run->glyphs) / PANGO_SCALE;
    }
}

void
nb_font_subsetter_show_layout_line (NbFontSubsetter *self,
                                    cairo_t         *cr,
                                    PangoLayoutLine *line)
{
  double x = 0, y = 0;

  g_return_if_fail (NB_IS_FONT_SUBSETTER (self));
  g_return_if_fail (self->prepared);

  if (cairo_has_current_point (cr))
    cairo_get_current_point (cr, &x, &y);
  show_line_at (self, cr, line, x, y);
  cairo_new_path (cr);
}

void
nb_font_subsetter_show_layout (NbFontSubsetter *self,
                               cairo_t         *cr,
                               PangoLayout     *layout)
{
  PangoLayoutIter *iter;
  double x0 = 0, y0 = 0;

  g_return_if_fail (NB_IS_FONT_SUBSETTER (self));
  g_return_if_fail (self->prepared);
  g_return_if_fail (PANGO_IS_LAYOUT (layout));

  if (cairo_has_current_point (cr))
    cairo_get_current_point (cr, &x0, &y0);
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      show_line_at (self, cr, pango_layout_iter_get_line_readonly (iter),
                    x0 + (double) logical.x / PANGO_SCALE,
                    y0 + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  cairo_new_path (cr);
}

guint
nb_font_subsetter_get_n_subset (NbFontSubsetter *self)
{
  g_return_val_if_fail (NB_IS_FONT_SUBSETTER (self), 0);

  return self->n_subset;
}

guint
nb_font_subsetter_get_n_fallback (NbFontSubsetter *self)
{
  g_return_val_if_fail (NB_IS_FONT_SUBSETTER (self), 0);

  return self->n_fallback;
}
