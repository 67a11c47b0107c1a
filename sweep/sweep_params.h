/* sweep_params — the PARAMS.json file of a parameter sweep: which scenario
 * fields vary (by JSON path), over what range or distribution, under which
 * design (oat, grid, lhs, sobol); the design's points as unit coordinates;
 * and writing one point's values into a parsed scenario. Knows the scenario
 * format only as JSON (and the preset rules of scenarios/README.md); the
 * loader (scen_load) still validates each resulting scenario. The format and
 * the path rule are documented in docs/sensitivity.md.
 *
 * Ownership: sweep_params_parse fills a sweep_params the caller releases with
 * sweep_params_destroy; every string and level inside belongs to it. The
 * design matrix from sweep_design_unit is the caller's to free(). */
#ifndef SWEEP_PARAMS_H
#define SWEEP_PARAMS_H

#include <stddef.h>
#include <stdint.h>
#include <cJSON.h>
#include "util/util_json.h"

/* Machine-protection limits. */
#define SWEEP_MAX_PARAMS  1000
#define SWEEP_MAX_LEVELS  1000
#define SWEEP_MAX_POINTS  1000000    /* model evaluations of one design */

typedef enum sweep_design_kind {
    SWEEP_OAT, SWEEP_GRID, SWEEP_LHS, SWEEP_SOBOL
} sweep_design_kind;

typedef enum sweep_kind {
    SWEEP_RANGE,        /* "low", "high": uniform between them; oat ends, grid includes both */
    SWEEP_UNIFORM,      /* "dist": {"uniform": {"low", "high"}} */
    SWEEP_TRIANGULAR,   /* "dist": {"triangular": {"min", "mode", "max"}} */
    SWEEP_LOGNORMAL,    /* "dist": {"lognormal": {"median", "p90"}} */
    SWEEP_LEVELS        /* "levels": [v, ...]: equally likely, any JSON scalars of one type */
} sweep_kind;

typedef struct sweep_param {
    char *path;         /* JSON path into the scenario, as written */
    char *name;         /* short label ("name", default the path) */
    sweep_kind kind;
    double a, b, c;     /* RANGE/UNIFORM: low, high; TRIANGULAR: min, mode, max;
                           LOGNORMAL: mu, sigma of log (from median, p90) */
    int integer;        /* "integer": true rounds every value to the nearest integer */
    cJSON *levels;      /* LEVELS: owned array */
    size_t n_levels;
} sweep_param;

typedef struct sweep_params {
    sweep_design_kind design;
    size_t points;      /* lhs: points; sobol: base rows (runs = points (d + 2));
                           grid: levels of each non-"levels" parameter; oat: unused */
    uint64_t seed;      /* of the design's random streams (default 1) */
    sweep_param *params;
    size_t n;
} sweep_params;

/* Name of a design ("oat", ...). */
const char *sweep_design_name(sweep_design_kind k);

/* Parses PARAMS text (len bytes) into *out. Returns 0, or -1 with every
 * problem in d (file and line:column for syntax, JSON path otherwise, "did
 * you mean" for keys); on failure *out owns nothing. */
int sweep_params_parse(const char *text, size_t len, const char *file,
                       sweep_params *out, util_diags *d);
void sweep_params_destroy(sweep_params *sp);

/* Number of points (model evaluations) of the design: oat 1 + 2d, grid the
 * product of levels, lhs N, sobol N (d + 2). */
size_t sweep_params_count(const sweep_params *sp);

/* The design as unit coordinates: *u gets count × n (row-major) values in
 * [0, 1], or SIM_DESIGN_BASE (-1) where oat keeps the scenario's own value.
 * Grid coordinates are chosen so sweep_param_value gives evenly spaced values
 * with both ends for ranges, quantiles (k + 1/2)/L for distributions, and
 * every level once. oat's low/high are the range's ends, the distribution's
 * min/max (triangular), 10% and 90% quantiles (lognormal), the first and
 * last level. Returns 0 or -1 (memory); *u is the caller's to free(). */
int sweep_design_unit(const sweep_params *sp, double **u, size_t *count);

/* The value of p at unit coordinate u in [0, 1] (its quantile, or level
 * floor(u L)): a new cJSON item the caller owns, NULL when memory ran out. */
cJSON *sweep_param_value(const sweep_param *p, double u);

/* Writes value at p->path into the parsed scenario, following the preset
 * rule of docs/sensitivity.md: the path must name a field that exists in the
 * scenario after presets; where the scenario relies on a preset, just enough
 * of the preset is copied into the scenario to override that one field (the
 * scenario means the same as before apart from it). Never creates a field
 * that does not exist. The value must have the field's JSON type. Returns 0,
 * or -1 with a problem in d placed at params_file's "$.params[index].path",
 * naming scen_file. The scenario may be partly materialised on failure. */
int sweep_apply(cJSON *scenario, const cJSON *presets, const sweep_param *p, size_t index,
                const cJSON *value, const char *params_file, const char *scen_file,
                util_diags *d);

/* Applies row u[0..n) of a design (SIM_DESIGN_BASE entries are skipped).
 * Returns 0 or -1 with the problems in d. */
int sweep_apply_point(cJSON *scenario, const cJSON *presets, const sweep_params *sp,
                      const double *u, const char *params_file, const char *scen_file,
                      util_diags *d);

/* Checks every parameter's path against a scenario (a copy is modified, not
 * it): 0, or -1 with every problem in d. Run it before any simulation. */
int sweep_params_check(const sweep_params *sp, const cJSON *scenario, const cJSON *presets,
                       const char *params_file, const char *scen_file, util_diags *d);

/* Prints d for a PARAMS document that is section `section` of the scenario
 * file: the checker's "$.params…" become "FILE: $.SECTION.params…" (used for
 * a scenario's "uncertain" and "calibrate" sections). */
void sweep_diags_print_in(const util_diags *d, const char *file, const char *section);

/* The built-in presets (models/presets.json) parsed; release with cJSON_Delete.
 * NULL with a problem in d when they cannot be parsed (memory). */
cJSON *sweep_presets_parse(util_diags *d);

#endif
