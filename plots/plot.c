/* plot — status strings, the Okabe–Ito palette, colour arithmetic (tints,
 * luminance, contrasting text) and the heatmap colour scales. */
#include "plots/plot.h"

#include <dlfcn.h>
#include <math.h>
#include <string.h>

const uint32_t plot_palette[PLOT_PALETTE_SIZE] = {
    PLOT_ORANGE, PLOT_SKY_BLUE, PLOT_BLUISH_GREEN, PLOT_BLUE,
    PLOT_VERMILLION, PLOT_REDDISH_PURPLE, PLOT_BLACK,
};

const char *plot_strerror(int status)
{
    switch (status) {
    case PLOT_OK: return "ok";
    case PLOT_EINVAL: return "invalid argument or chart spec";
    case PLOT_ENOMEM: return "out of memory";
    case PLOT_EIO: return "input/output error";
    case PLOT_ECAIRO: return "cairo error";
    case PLOT_ERANGE: return "too many categories, series or rows";
    default: return "unknown error";
    }
}

static double chan(uint32_t rgb, int shift)
{
    return (double)((rgb >> shift) & 0xFFu) / 255.0;
}

void plot_colour_set(cairo_t *cr, uint32_t rgb, double alpha)
{
    cairo_set_source_rgba(cr, chan(rgb, 16), chan(rgb, 8), chan(rgb, 0), alpha);
}

static uint32_t mix(uint32_t a, uint32_t b, double t)
{
    uint32_t out = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
        double ca = (double)((a >> shift) & 0xFFu), cb = (double)((b >> shift) & 0xFFu);
        long v = lround(ca + (cb - ca) * t);
        if (v < 0) v = 0;
        if (v > 255) v = 255;
        out |= (uint32_t)v << shift;
    }
    return out;
}

uint32_t plot_colour_tint(uint32_t rgb, double t)
{
    if (!(t >= 0.0)) t = 0.0;
    if (t > 1.0) t = 1.0;
    return mix(rgb, 0xFFFFFFu, t);
}

static double linear(double c)
{
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double plot_colour_luminance(uint32_t rgb)
{
    return 0.2126 * linear(chan(rgb, 16)) + 0.7152 * linear(chan(rgb, 8))
         + 0.0722 * linear(chan(rgb, 0));
}

#define TEXT_DARK 0x1A1A1Au
#define TEXT_LIGHT 0xFFFFFFu

uint32_t plot_colour_text_on(uint32_t bg)
{
    double l = plot_colour_luminance(bg);
    double ld = plot_colour_luminance(TEXT_DARK);
    double c_dark = (l + 0.05) / (ld + 0.05);  /* contrast ratio with dark text */
    double c_light = (1.0 + 0.05) / (l + 0.05); /* and with white */
    return c_dark >= c_light ? TEXT_DARK : TEXT_LIGHT;
}

/* viridis at 11 evenly spaced stops (matplotlib / R viridisLite). */
static const uint32_t viridis[] = {
    0x440154u, 0x482576u, 0x414487u, 0x35608Du, 0x2A788Eu, 0x21908Cu,
    0x22A884u, 0x43BF71u, 0x7AD151u, 0xBBDF27u, 0xFDE725u,
};
static const uint32_t blues[] = { 0xEEF4FAu, 0xA9CDE8u, 0x4C9ACDu, 0x0072B2u, 0x0B3D6Bu };
static const uint32_t diverging[] = { 0x0072B2u, 0x8DBBDCu, 0xF4F4F4u, 0xEBAA80u, 0xD55E00u };

static uint32_t ramp(const uint32_t *stops, size_t n, double t)
{
    double x = t * (double)(n - 1);
    size_t i = (size_t)floor(x);
    if (i >= n - 1)
        return stops[n - 1];
    return mix(stops[i], stops[i + 1], x - (double)i);
}

uint32_t plot_scale_colour(plot_scale scale, double t)
{
    if (isnan(t))
        return PLOT_LIGHT_GREY;
    if (t < 0.0) t = 0.0;
    if (t > 1.0) t = 1.0;
    switch (scale) {
    case PLOT_SCALE_BLUES: return ramp(blues, sizeof blues / sizeof blues[0], t);
    case PLOT_SCALE_DIVERGING: return ramp(diverging, sizeof diverging / sizeof diverging[0], t);
    case PLOT_SCALE_VIRIDIS:
    default: return ramp(viridis, sizeof viridis / sizeof viridis[0], t);
    }
}

void plot_shutdown(void)
{
    cairo_debug_reset_static_data();
    /* fontconfig is loaded with cairo but not linked by us: look it up */
    void *self = dlopen(NULL, RTLD_LAZY);
    if (!self)
        return;
    void *sym = dlsym(self, "FcFini");
    if (sym) {
        void (*fini)(void);
        memcpy(&fini, &sym, sizeof fini);
        fini();
    }
    dlclose(self);
}
