/* plot_pptx — native PowerPoint decks: hand-written PresentationML parts in a
 * zip built in memory with libzip (see plot_pptx.h). */
#include "plots/plot_pptx.h"
#include "plots/plot.h"
#include "plots/plot_out.h"
#include "plots/plot_xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

/* ---- geometry (EMU: 914400 per inch) ----------------------------------------- */
enum {
    SLIDE_W = 12192000, /* 13.333 in: 16:9 */
    SLIDE_H = 6858000,  /* 7.5 in */
    NOTES_W = 6858000,
    NOTES_H = 9144000,
    MARGIN = 457200,    /* 0.5 in */
    TITLE_Y = 228600,
    TITLE_H = 914400,
    BODY_Y = 1188720,   /* below the title */
    BODY_BOTTOM = SLIDE_H - 320040
};

#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_R "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_P "http://schemas.openxmlformats.org/presentationml/2006/main"
#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL NS_R "/"
#define CT_PML "application/vnd.openxmlformats-officedocument.presentationml."
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define PML_OPEN(tag) "<" tag " xmlns:a=\"" NS_A "\" xmlns:r=\"" NS_R "\" xmlns:p=\"" NS_P "\""

/* The empty group every shape tree starts with. */
#define SPTREE_OPEN                                                                        \
    "<p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/>"        \
    "</p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/>"  \
    "<a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>"

#define CLR_MAP                                                                            \
    "<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" "       \
    "accent2=\"accent2\" accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" "     \
    "accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>"

#define WHITE_BG                                                                           \
    "<p:bg><p:bgPr><a:solidFill><a:schemeClr val=\"bg1\"/></a:solidFill><a:effectLst/>"   \
    "</p:bgPr></p:bg>"

#define TX1_FONT(sz, b, face)                                                              \
    "<a:defRPr sz=\"" sz "\"" b "><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill>"  \
    "<a:latin typeface=\"" face "\"/></a:defRPr>"

/* A slide's picture: its bytes and pixel size. */
typedef struct picture {
    unsigned char *owned; /* read from png_path; freed at the end */
    const unsigned char *png;
    size_t len;
    unsigned long w_px, h_px;
} picture;

/* ---- zip ----------------------------------------------------------------------- */

typedef struct pkg {
    zip_t *za;
    zip_source_t *mem; /* the archive's bytes */
    time_t mtime;      /* local time that reads as the epoch's UTC fields */
    char *err;
    size_t err_len;
    int failed;
} pkg;

/* Adds one entry (data copied or adopted when own = 1), deflated, with the fixed time. */
static void pkg_add(pkg *k, const char *name, const void *data, size_t len, int own)
{
    if (k->failed) {
        if (own)
            free((void *)data);
        return;
    }
    zip_source_t *s = zip_source_buffer(k->za, data, len, own);
    if (!s) {
        if (own)
            free((void *)data);
        goto fail;
    }
    zip_int64_t i = zip_file_add(k->za, name, s, ZIP_FL_ENC_UTF_8);
    if (i < 0) {
        zip_source_free(s);
        goto fail;
    }
    if (zip_set_file_compression(k->za, (zip_uint64_t)i, ZIP_CM_DEFLATE, 6) != 0 ||
        zip_file_set_mtime(k->za, (zip_uint64_t)i, k->mtime, 0) != 0)
        goto fail;
    return;
fail:
    plot_err_set(k->err, k->err_len, "pptx: cannot add %s: %s", name,
                 zip_error_strerror(zip_get_error(k->za)));
    k->failed = PLOT_ENOMEM;
}

/* Adds the buffer's text as an entry (the buffer is emptied). */
static void pkg_add_xml(pkg *k, const char *name, plot_xml *x)
{
    size_t len = 0;
    char *text = plot_xml_take(x, &len);
    if (!text) {
        if (!k->failed) {
            plot_err_set(k->err, k->err_len, "pptx: %s: out of memory", name);
            k->failed = PLOT_ENOMEM;
        }
        return;
    }
    pkg_add(k, name, text, len, 1);
}

/* The DOS time in a zip entry is local time: pick the time_t whose local
 * broken-down time equals the epoch's UTC one, so the bytes do not depend on
 * the time zone. DOS dates start in 1980. */
static time_t zip_time_for(long long epoch_s)
{
    if (epoch_s < 315532800LL) /* 1980-01-01T00:00:00Z */
        epoch_s = 315532800LL;
    time_t t = (time_t)epoch_s;
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        return t;
    tm.tm_isdst = -1;
    time_t local = mktime(&tm);
    return local == (time_t)-1 ? t : local;
}

/* ---- text ---------------------------------------------------------------------- */

/* One <a:p> per line of text (bullets or plain), runs of size sz (1/100 pt).
 * With bullets, a line's prefix says its kind (plot_pptx.h): "# " a heading
 * (bold, no bullet), "> " a plain paragraph, "- " or none a bullet. */
static void paragraphs(plot_xml *x, const char *text, int bullets, int sz)
{
    const char *s = text ? text : "";
    for (;;) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        if (len > 0 && s[len - 1] == '\r')
            len--;
        char kind = bullets && len >= 2 && s[1] == ' ' && (s[0] == '#' || s[0] == '>' || s[0] == '-') ? s[0] : 0;
        const char *t = kind ? s + 2 : s;
        size_t tlen = kind ? len - 2 : len;
        plot_xml_raw(x, "<a:p>");
        if (bullets && tlen > 0 && kind != '#' && kind != '>')
            plot_xml_raw(x, "<a:pPr marL=\"342900\" indent=\"-342900\"><a:buFont typeface=\"Arial\"/>"
                            "<a:buChar char=\"\xE2\x80\xA2\"/></a:pPr>");
        else
            plot_xml_raw(x, "<a:pPr marL=\"0\" indent=\"0\"><a:buNone/></a:pPr>");
        if (tlen > 0) {
            plot_xml_printf(x, "<a:r><a:rPr lang=\"en-US\" sz=\"%d\"%s dirty=\"0\"/><a:t>", sz,
                            kind == '#' ? " b=\"1\"" : "");
            plot_xml_text_n(x, t, tlen);
            plot_xml_raw(x, "</a:t></a:r>");
        }
        plot_xml_printf(x, "<a:endParaRPr lang=\"en-US\" sz=\"%d\" dirty=\"0\"/></a:p>", sz);
        if (!nl)
            break;
        s = nl + 1;
    }
}

/* ---- fixed parts --------------------------------------------------------------- */

static void theme_xml(plot_xml *x, const char *name)
{
    static const char *const accents[] = { "0072B2", "E69F00", "009E73",
                                           "56B4E9", "D55E00", "CC79A7" };
    plot_xml_raw(x, XML_DECL "<a:theme xmlns:a=\"" NS_A "\" name=\"");
    plot_xml_raw(x, name);
    plot_xml_raw(x, "\"><a:themeElements><a:clrScheme name=\"Okabe-Ito\">"
                    "<a:dk1><a:srgbClr val=\"000000\"/></a:dk1>"
                    "<a:lt1><a:srgbClr val=\"FFFFFF\"/></a:lt1>"
                    "<a:dk2><a:srgbClr val=\"1F2937\"/></a:dk2>"
                    "<a:lt2><a:srgbClr val=\"F3F4F6\"/></a:lt2>");
    for (int i = 0; i < 6; i++)
        plot_xml_printf(x, "<a:accent%d><a:srgbClr val=\"%s\"/></a:accent%d>", i + 1, accents[i],
                        i + 1);
    plot_xml_raw(x, "<a:hlink><a:srgbClr val=\"0563C1\"/></a:hlink>"
                    "<a:folHlink><a:srgbClr val=\"954F72\"/></a:folHlink></a:clrScheme>"
                    "<a:fontScheme name=\"Arial\">"
                    "<a:majorFont><a:latin typeface=\"Arial\"/><a:ea typeface=\"\"/>"
                    "<a:cs typeface=\"\"/></a:majorFont>"
                    "<a:minorFont><a:latin typeface=\"Arial\"/><a:ea typeface=\"\"/>"
                    "<a:cs typeface=\"\"/></a:minorFont></a:fontScheme>"
                    "<a:fmtScheme name=\"plain\"><a:fillStyleLst>");
    /* Each list needs three entries (subtle, moderate, intense). */
    for (int i = 0; i < 3; i++)
        plot_xml_raw(x, "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>");
    plot_xml_raw(x, "</a:fillStyleLst><a:lnStyleLst>");
    for (int i = 0; i < 3; i++)
        plot_xml_printf(x, "<a:ln w=\"%d\"><a:solidFill><a:schemeClr val=\"phClr\"/>"
                           "</a:solidFill></a:ln>", 6350 * (i + 1));
    plot_xml_raw(x, "</a:lnStyleLst><a:effectStyleLst>");
    for (int i = 0; i < 3; i++)
        plot_xml_raw(x, "<a:effectStyle><a:effectLst/></a:effectStyle>");
    plot_xml_raw(x, "</a:effectStyleLst><a:bgFillStyleLst>");
    for (int i = 0; i < 3; i++)
        plot_xml_raw(x, "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>");
    plot_xml_raw(x, "</a:bgFillStyleLst></a:fmtScheme></a:themeElements>"
                    "<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>");
}

/* A title placeholder shape; with text when title is not NULL. */
static void title_shape(plot_xml *x, const char *title, int with_xfrm)
{
    plot_xml_raw(x, "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Title 1\"/><p:cNvSpPr>"
                    "<a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"title\"/></p:nvPr>"
                    "</p:nvSpPr><p:spPr>");
    if (with_xfrm)
        plot_xml_printf(x, "<a:xfrm><a:off x=\"%d\" y=\"%d\"/><a:ext cx=\"%d\" cy=\"%d\"/></a:xfrm>"
                           "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>",
                        MARGIN, TITLE_Y, SLIDE_W - 2 * MARGIN, TITLE_H);
    plot_xml_raw(x, "</p:spPr><p:txBody><a:bodyPr vert=\"horz\" wrap=\"square\" anchor=\"b\">"
                    "<a:normAutofit/></a:bodyPr><a:lstStyle/>");
    if (title)
        paragraphs(x, title, 0, 2800);
    else
        plot_xml_raw(x, "<a:p><a:endParaRPr lang=\"en-US\"/></a:p>");
    plot_xml_raw(x, "</p:txBody></p:sp>");
}

static void master_xml(plot_xml *x)
{
    plot_xml_raw(x, XML_DECL PML_OPEN("p:sldMaster") "><p:cSld>" WHITE_BG SPTREE_OPEN);
    title_shape(x, NULL, 1);
    plot_xml_raw(x, "</p:spTree></p:cSld>" CLR_MAP
                    "<p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" r:id=\"rId1\"/>"
                    "</p:sldLayoutIdLst><p:txStyles>"
                    "<p:titleStyle><a:lvl1pPr algn=\"l\"><a:buNone/>"
                    TX1_FONT("2800", " b=\"1\"", "+mj-lt") "</a:lvl1pPr></p:titleStyle>"
                    "<p:bodyStyle><a:lvl1pPr marL=\"342900\" indent=\"-342900\">"
                    "<a:buFont typeface=\"Arial\"/><a:buChar char=\"\xE2\x80\xA2\"/>"
                    TX1_FONT("2000", "", "+mn-lt") "</a:lvl1pPr></p:bodyStyle>"
                    "<p:otherStyle><a:lvl1pPr>" TX1_FONT("1800", "", "+mn-lt")
                    "</a:lvl1pPr></p:otherStyle></p:txStyles></p:sldMaster>");
}

static void layout_xml(plot_xml *x)
{
    plot_xml_raw(x, XML_DECL PML_OPEN("p:sldLayout") " type=\"titleOnly\" preserve=\"1\">"
                    "<p:cSld name=\"Title Only\">" SPTREE_OPEN);
    title_shape(x, NULL, 0);
    plot_xml_raw(x, "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr>"
                    "</p:sldLayout>");
}

static void notes_master_xml(plot_xml *x)
{
    plot_xml_raw(x, XML_DECL PML_OPEN("p:notesMaster") "><p:cSld>" WHITE_BG SPTREE_OPEN);
    plot_xml_printf(x,
        "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image Placeholder 1\"/><p:cNvSpPr>"
        "<a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr>"
        "<p:ph type=\"sldImg\" idx=\"2\"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm>"
        "<a:off x=\"%d\" y=\"%d\"/><a:ext cx=\"%d\" cy=\"%d\"/></a:xfrm>"
        "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/><a:ln w=\"12700\">"
        "<a:solidFill><a:prstClr val=\"black\"/></a:solidFill></a:ln></p:spPr></p:sp>"
        "<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Notes Placeholder 2\"/><p:cNvSpPr>"
        "<a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"body\" sz=\"quarter\" idx=\"3\"/>"
        "</p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x=\"%d\" y=\"%d\"/><a:ext cx=\"%d\" cy=\"%d\"/>"
        "</a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr>"
        "<p:txBody><a:bodyPr vert=\"horz\" wrap=\"square\"/><a:lstStyle/>"
        "<a:p><a:endParaRPr lang=\"en-US\"/></a:p></p:txBody></p:sp>",
        381000, 685800, 6096000, 3429000, 685800, 4343400, 5486400, 4114800);
    plot_xml_raw(x, "</p:spTree></p:cSld>" CLR_MAP "<p:notesStyle><a:lvl1pPr marL=\"0\" algn=\"l\">"
                    TX1_FONT("1200", "", "+mn-lt") "</a:lvl1pPr></p:notesStyle></p:notesMaster>");
}

static void notes_slide_xml(plot_xml *x, const char *notes)
{
    plot_xml_raw(x, XML_DECL PML_OPEN("p:notes") "><p:cSld>" SPTREE_OPEN
        "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image Placeholder 1\"/><p:cNvSpPr>"
        "<a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr>"
        "<p:ph type=\"sldImg\"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>"
        "<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Notes Placeholder 2\"/><p:cNvSpPr>"
        "<a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"body\" idx=\"1\"/></p:nvPr>"
        "</p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>");
    paragraphs(x, notes, 0, 1200);
    plot_xml_raw(x, "</p:txBody></p:sp></p:spTree></p:cSld>"
                    "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>");
}

/* A slide: title, then the picture fitted into the body area (aspect kept,
 * centred) or the bullet text box. */
static void slide_xml(plot_xml *x, const plot_pptx_slide *s, const picture *pic)
{
    plot_xml_raw(x, XML_DECL PML_OPEN("p:sld") "><p:cSld>" SPTREE_OPEN);
    title_shape(x, s->title, 1);
    long long box_w = SLIDE_W - 2 * MARGIN, box_h = BODY_BOTTOM - BODY_Y;
    if (pic->png) {
        /* Fit w x h into the box: scale = min(box_w / w, box_h / h). */
        long long w = box_w, h = box_w * (long long)pic->h_px / (long long)pic->w_px;
        if (h > box_h) {
            h = box_h;
            w = box_h * (long long)pic->w_px / (long long)pic->h_px;
        }
        plot_xml_printf(x,
            "<p:pic><p:nvPicPr><p:cNvPr id=\"3\" name=\"Chart\" descr=\"");
        plot_xml_text(x, s->title);
        plot_xml_printf(x,
            "\"/><p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>"
            "<p:blipFill><a:blip r:embed=\"rId2\"/><a:stretch><a:fillRect/></a:stretch>"
            "</p:blipFill><p:spPr><a:xfrm><a:off x=\"%lld\" y=\"%lld\"/>"
            "<a:ext cx=\"%lld\" cy=\"%lld\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/>"
            "</a:prstGeom></p:spPr></p:pic>",
            MARGIN + (box_w - w) / 2, BODY_Y + (box_h - h) / 2, w, h);
    }
    if (s->bullets) {
        plot_xml_printf(x,
            "<p:sp><p:nvSpPr><p:cNvPr id=\"4\" name=\"Text 3\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/>"
            "</p:nvSpPr><p:spPr><a:xfrm><a:off x=\"%d\" y=\"%d\"/><a:ext cx=\"%lld\" cy=\"%lld\"/>"
            "</a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>"
            "<p:txBody><a:bodyPr wrap=\"square\" lIns=\"91440\" tIns=\"45720\" rIns=\"91440\" "
            "bIns=\"45720\" anchor=\"t\"><a:normAutofit/></a:bodyPr><a:lstStyle/>",
            MARGIN, BODY_Y, box_w, box_h);
        paragraphs(x, s->bullets, 1, 2000);
        plot_xml_raw(x, "</p:txBody></p:sp>");
    }
    plot_xml_raw(x, "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>");
}

/* ---- pictures -------------------------------------------------------------------- */

static unsigned long be32(const unsigned char *p)
{
    return ((unsigned long)p[0] << 24) | ((unsigned long)p[1] << 16) |
           ((unsigned long)p[2] << 8) | (unsigned long)p[3];
}

/* Loads slide i's picture (from memory or its file) and reads its size from
 * the PNG header. A slide without one gets pic->png = NULL. */
static int load_picture(const plot_pptx_slide *s, size_t i, picture *pic, char *err, size_t err_len)
{
    memset(pic, 0, sizeof *pic);
    if (s->png) {
        pic->png = s->png;
        pic->len = s->png_len;
    } else if (s->png_path) {
        FILE *f = fopen(s->png_path, "rb");
        if (!f) {
            plot_err_set(err, err_len, "pptx: slide %zu: cannot read %s", i + 1, s->png_path);
            return PLOT_EIO;
        }
        size_t cap = 0, n = 0;
        unsigned char *buf = NULL;
        for (;;) {
            if (n == cap) {
                cap = cap ? cap * 2 : 65536;
                unsigned char *nb = realloc(buf, cap);
                if (!nb) {
                    free(buf);
                    fclose(f);
                    plot_err_set(err, err_len, "pptx: slide %zu: out of memory", i + 1);
                    return PLOT_ENOMEM;
                }
                buf = nb;
            }
            size_t got = fread(buf + n, 1, cap - n, f);
            n += got;
            if (got == 0)
                break;
        }
        int bad = ferror(f);
        fclose(f);
        if (bad) {
            free(buf);
            plot_err_set(err, err_len, "pptx: slide %zu: cannot read %s", i + 1, s->png_path);
            return PLOT_EIO;
        }
        pic->owned = buf;
        pic->png = buf;
        pic->len = n;
    } else {
        return PLOT_OK;
    }
    static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    if (pic->len < 24 || memcmp(pic->png, sig, 8) != 0 || memcmp(pic->png + 12, "IHDR", 4) != 0) {
        plot_err_set(err, err_len, "pptx: slide %zu: %s is not a PNG image", i + 1,
                     s->png ? "the picture" : s->png_path);
        return PLOT_EINVAL;
    }
    pic->w_px = be32(pic->png + 16);
    pic->h_px = be32(pic->png + 20);
    if (pic->w_px == 0 || pic->h_px == 0 || pic->w_px > 100000 || pic->h_px > 100000) {
        plot_err_set(err, err_len, "pptx: slide %zu: picture of %lu x %lu pixels", i + 1,
                     pic->w_px, pic->h_px);
        return PLOT_EINVAL;
    }
    return PLOT_OK;
}

/* ---- the package ------------------------------------------------------------------ */

static void content_types_xml(plot_xml *x, const plot_pptx_slide *slides, size_t n, int any_png,
                              int notes)
{
    plot_xml_raw(x, XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">");
    if (any_png)
        plot_xml_raw(x, "<Default Extension=\"png\" ContentType=\"image/png\"/>");
    plot_xml_raw(x,
        "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        "<Override PartName=\"/ppt/presentation.xml\" ContentType=\"" CT_PML "presentation.main+xml\"/>"
        "<Override PartName=\"/ppt/slideMasters/slideMaster1.xml\" ContentType=\"" CT_PML "slideMaster+xml\"/>"
        "<Override PartName=\"/ppt/slideLayouts/slideLayout1.xml\" ContentType=\"" CT_PML "slideLayout+xml\"/>");
    for (size_t i = 0; i < n; i++)
        plot_xml_printf(x, "<Override PartName=\"/ppt/slides/slide%zu.xml\" ContentType=\"" CT_PML
                           "slide+xml\"/>", i + 1);
    if (notes) {
        plot_xml_raw(x, "<Override PartName=\"/ppt/notesMasters/notesMaster1.xml\" ContentType=\""
                        CT_PML "notesMaster+xml\"/>");
        plot_xml_raw(x, "<Override PartName=\"/ppt/theme/theme2.xml\" ContentType=\""
                        "application/vnd.openxmlformats-officedocument.theme+xml\"/>");
    }
    for (size_t i = 0; i < n; i++)
        if (slides[i].notes)
            plot_xml_printf(x, "<Override PartName=\"/ppt/notesSlides/notesSlide%zu.xml\" "
                               "ContentType=\"" CT_PML "notesSlide+xml\"/>", i + 1);
    plot_xml_raw(x,
        "<Override PartName=\"/ppt/theme/theme1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.theme+xml\"/>"
        "<Override PartName=\"/ppt/presProps.xml\" ContentType=\"" CT_PML "presProps+xml\"/>"
        "<Override PartName=\"/ppt/viewProps.xml\" ContentType=\"" CT_PML "viewProps+xml\"/>"
        "<Override PartName=\"/ppt/tableStyles.xml\" ContentType=\"" CT_PML "tableStyles+xml\"/>"
        "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
        "<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>");
}

static void rel(plot_xml *x, const char *id, const char *type, const char *target)
{
    plot_xml_printf(x, "<Relationship Id=\"%s\" Type=\"%s\" Target=\"%s\"/>", id, type, target);
}

#define RELS_OPEN XML_DECL "<Relationships xmlns=\"" NS_PKG_REL "\">"

/* Adds a relationships part whose n entries get ids rId1..rIdn: {type, target}
 * pairs, the type after the officeDocument relationships prefix. */
static void pkg_add_rels(pkg *k, plot_xml *x, const char *name, const char *const (*r)[2], size_t n)
{
    plot_xml_raw(x, RELS_OPEN);
    for (size_t i = 0; i < n; i++)
        plot_xml_printf(x, "<Relationship Id=\"rId%zu\" Type=\"" REL "%s\" Target=\"%s\"/>",
                        i + 1, r[i][0], r[i][1]);
    plot_xml_raw(x, "</Relationships>");
    pkg_add_xml(k, name, x);
}

/* docProps/app.xml and docProps/core.xml of the deck (date: ISO 8601). */
static void pkg_doc_props(pkg *k, plot_xml *x, const plot_pptx_info *info, const plot_pptx_slide *slides,
                          size_t n_slides, const char *date)
{
    plot_xml_raw(x, XML_DECL "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" "
                     "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\"><Application>");
    plot_xml_text(x, info && info->application ? info->application : "devopsim");
    size_t n_notes = 0;
    for (size_t i = 0; i < n_slides; i++)
        n_notes += slides[i].notes != NULL;
    plot_xml_printf(x, "</Application><PresentationFormat>Widescreen</PresentationFormat>"
                        "<Slides>%zu</Slides><Notes>%zu</Notes></Properties>", n_slides, n_notes);
    pkg_add_xml(k, "docProps/app.xml", x);

    plot_xml_raw(x, XML_DECL "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
                     "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
                     "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
    if (info && info->title) {
        plot_xml_raw(x, "<dc:title>");
        plot_xml_text(x, info->title);
        plot_xml_raw(x, "</dc:title>");
    }
    if (info && info->author) {
        plot_xml_raw(x, "<dc:creator>");
        plot_xml_text(x, info->author);
        plot_xml_raw(x, "</dc:creator><cp:lastModifiedBy>");
        plot_xml_text(x, info->author);
        plot_xml_raw(x, "</cp:lastModifiedBy>");
    }
    plot_xml_printf(x, "<cp:revision>1</cp:revision>"
                        "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%s</dcterms:created>"
                        "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">%s</dcterms:modified>"
                        "</cp:coreProperties>", date, date);
    pkg_add_xml(k, "docProps/core.xml", x);

}

/* ppt/presentation.xml and its relationships: the slides rId2.., then the
 * notes master (when notes), then the presentation's other parts. */
static void pkg_presentation(pkg *k, plot_xml *x, size_t n_slides, int notes)
{
    char name[64], target[64];
    plot_xml_raw(x, XML_DECL PML_OPEN("p:presentation") " saveSubsetFonts=\"1\">"
                     "<p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst>");
    if (notes)
        plot_xml_printf(x, "<p:notesMasterIdLst><p:notesMasterId r:id=\"rId%zu\"/></p:notesMasterIdLst>",
                        n_slides + 2);
    plot_xml_raw(x, "<p:sldIdLst>");
    for (size_t i = 0; i < n_slides; i++)
        plot_xml_printf(x, "<p:sldId id=\"%zu\" r:id=\"rId%zu\"/>", 256 + i, i + 2);
    plot_xml_printf(x, "</p:sldIdLst><p:sldSz cx=\"%d\" cy=\"%d\"/><p:notesSz cx=\"%d\" cy=\"%d\"/>"
                        "</p:presentation>", SLIDE_W, SLIDE_H, NOTES_W, NOTES_H);
    pkg_add_xml(k, "ppt/presentation.xml", x);

    plot_xml_raw(x, RELS_OPEN);
    rel(x, "rId1", REL "slideMaster", "slideMasters/slideMaster1.xml");
    for (size_t i = 0; i < n_slides; i++) {
        snprintf(name, sizeof name, "rId%zu", i + 2);
        snprintf(target, sizeof target, "slides/slide%zu.xml", i + 1);
        rel(x, name, REL "slide", target);
    }
    size_t next = n_slides + 2;
    if (notes) {
        snprintf(name, sizeof name, "rId%zu", next++);
        rel(x, name, REL "notesMaster", "notesMasters/notesMaster1.xml");
    }
    static const char *const tail[][2] = { { "presProps", "presProps.xml" },
                                           { "viewProps", "viewProps.xml" },
                                           { "theme", "theme/theme1.xml" },
                                           { "tableStyles", "tableStyles.xml" } };
    for (size_t i = 0; i < 4; i++) {
        char type[128];
        snprintf(name, sizeof name, "rId%zu", next++);
        snprintf(type, sizeof type, REL "%s", tail[i][0]);
        rel(x, name, type, tail[i][1]);
    }
    plot_xml_raw(x, "</Relationships>");
    pkg_add_xml(k, "ppt/_rels/presentation.xml.rels", x);

}

/* The parts every deck shares: properties, theme, slide master and layout,
 * and the notes master with its theme when notes. */
static void pkg_masters(pkg *k, plot_xml *x, int notes)
{
    plot_xml_raw(x, XML_DECL PML_OPEN("p:presentationPr") "/>");
    pkg_add_xml(k, "ppt/presProps.xml", x);
    plot_xml_raw(x, XML_DECL PML_OPEN("p:viewPr") "><p:normalViewPr><p:restoredLeft sz=\"15620\"/>"
                     "<p:restoredTop sz=\"94660\"/></p:normalViewPr><p:gridSpacing cx=\"76200\" cy=\"76200\"/></p:viewPr>");
    pkg_add_xml(k, "ppt/viewProps.xml", x);
    plot_xml_raw(x, XML_DECL "<a:tblStyleLst xmlns:a=\"" NS_A "\" def=\"{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}\"/>");
    pkg_add_xml(k, "ppt/tableStyles.xml", x);

    theme_xml(x, "devopsim");
    pkg_add_xml(k, "ppt/theme/theme1.xml", x);
    master_xml(x);
    pkg_add_xml(k, "ppt/slideMasters/slideMaster1.xml", x);
    static const char *const master_rels[][2] = {
        { "slideLayout", "../slideLayouts/slideLayout1.xml" }, { "theme", "../theme/theme1.xml" }
    };
    pkg_add_rels(k, x, "ppt/slideMasters/_rels/slideMaster1.xml.rels", master_rels, 2);
    layout_xml(x);
    pkg_add_xml(k, "ppt/slideLayouts/slideLayout1.xml", x);
    static const char *const layout_rels[][2] = { { "slideMaster", "../slideMasters/slideMaster1.xml" } };
    pkg_add_rels(k, x, "ppt/slideLayouts/_rels/slideLayout1.xml.rels", layout_rels, 1);
    if (notes) {
        theme_xml(x, "devopsim notes");
        pkg_add_xml(k, "ppt/theme/theme2.xml", x);
        notes_master_xml(x);
        pkg_add_xml(k, "ppt/notesMasters/notesMaster1.xml", x);
        static const char *const nm_rels[][2] = { { "theme", "../theme/theme2.xml" } };
        pkg_add_rels(k, x, "ppt/notesMasters/_rels/notesMaster1.xml.rels", nm_rels, 1);
    }

}

/* Slide i+1 of each slide: its XML, relationships, picture and notes. */
static void pkg_slides(pkg *k, plot_xml *x, const plot_pptx_slide *slides, const picture *pics, size_t n_slides)
{
    char name[64], target[64];
    for (size_t i = 0; i < n_slides; i++) {
        const plot_pptx_slide *s = &slides[i];
        slide_xml(x, s, &pics[i]);
        snprintf(name, sizeof name, "ppt/slides/slide%zu.xml", i + 1);
        pkg_add_xml(k, name, x);
        plot_xml_raw(x, RELS_OPEN);
        rel(x, "rId1", REL "slideLayout", "../slideLayouts/slideLayout1.xml");
        if (pics[i].png) {
            snprintf(target, sizeof target, "../media/image%zu.png", i + 1);
            rel(x, "rId2", REL "image", target);
        }
        if (s->notes) {
            snprintf(target, sizeof target, "../notesSlides/notesSlide%zu.xml", i + 1);
            rel(x, "rId3", REL "notesSlide", target);
        }
        plot_xml_raw(x, "</Relationships>");
        snprintf(name, sizeof name, "ppt/slides/_rels/slide%zu.xml.rels", i + 1);
        pkg_add_xml(k, name, x);
        if (pics[i].png) {
            snprintf(name, sizeof name, "ppt/media/image%zu.png", i + 1);
            pkg_add(k, name, pics[i].png, pics[i].len, 0);
        }
        if (s->notes) {
            notes_slide_xml(x, s->notes);
            snprintf(name, sizeof name, "ppt/notesSlides/notesSlide%zu.xml", i + 1);
            pkg_add_xml(k, name, x);
            snprintf(target, sizeof target, "../slides/slide%zu.xml", i + 1);
            const char *const notes_rels[][2] = {
                { "notesMaster", "../notesMasters/notesMaster1.xml" }, { "slide", target }
            };
            snprintf(name, sizeof name, "ppt/notesSlides/_rels/notesSlide%zu.xml.rels", i + 1);
            pkg_add_rels(k, x, name, notes_rels, 2);
        }
    }
}

/* Closes k's archive (written into k->mem) and copies its bytes to *out
 * (malloc'd). PLOT_OK or an error status (message in err). */
static int pkg_finish(pkg *k, unsigned char **out, size_t *out_len, char *err, size_t err_len)
{
    /* Closing writes the archive into k->mem (the pictures are still alive). */
    if (k->failed) {
        zip_discard(k->za);
        return k->failed;
    }
    if (zip_close(k->za) != 0) {
        plot_err_set(err, err_len, "pptx: cannot finish the zip: %s",
                     zip_error_strerror(zip_get_error(k->za)));
        zip_discard(k->za);
        return PLOT_ENOMEM;
    }
    zip_stat_t zs;
    zip_stat_init(&zs);
    if (zip_source_stat(k->mem, &zs) != 0 || !(zs.valid & ZIP_STAT_SIZE) ||
        zip_source_open(k->mem) != 0) {
        plot_err_set(err, err_len, "pptx: cannot read the finished zip");
        return PLOT_ENOMEM;
    }
    unsigned char *bytes = malloc(zs.size ? zs.size : 1);
    zip_int64_t got = bytes ? zip_source_read(k->mem, bytes, zs.size) : -1;
    zip_source_close(k->mem);
    if (got < 0 || (zip_uint64_t)got != zs.size) {
        free(bytes);
        plot_err_set(err, err_len, "pptx: cannot read the finished zip");
        return PLOT_ENOMEM;
    }
    *out = bytes;
    *out_len = (size_t)zs.size;
    return PLOT_OK;
}

int plot_pptx_render(const plot_pptx_info *info, const plot_pptx_slide *slides, size_t n_slides,
                     unsigned char **out, size_t *out_len, char *err, size_t err_len)
{
    if (!out || !out_len || !slides || n_slides == 0 || n_slides > 10000) {
        plot_err_set(err, err_len, "pptx: a deck needs 1 to 10000 slides");
        return PLOT_EINVAL;
    }
    *out = NULL;
    *out_len = 0;
    for (size_t i = 0; i < n_slides; i++)
        if (!slides[i].title) {
            plot_err_set(err, err_len, "pptx: slide %zu has no title", i + 1);
            return PLOT_EINVAL;
        } else if (slides[i].bullets && (slides[i].png || slides[i].png_path)) {
            plot_err_set(err, err_len, "pptx: slide %zu has both a picture and bullets", i + 1);
            return PLOT_EINVAL;
        }
    picture *pics = calloc(n_slides, sizeof *pics);
    if (!pics) {
        plot_err_set(err, err_len, "pptx: out of memory");
        return PLOT_ENOMEM;
    }
    int st = PLOT_OK, any_png = 0, notes = 0;
    for (size_t i = 0; i < n_slides && st == PLOT_OK; i++) {
        st = load_picture(&slides[i], i, &pics[i], err, err_len);
        any_png |= pics[i].png != NULL;
        notes |= slides[i].notes != NULL;
    }
    long long epoch = info ? info->epoch_s : PLOT_EXPORT_EPOCH_DEFAULT;
    char date[32];
    if (st == PLOT_OK && plot_date_iso(epoch, date, sizeof date) != PLOT_OK) {
        plot_err_set(err, err_len, "pptx: date %lld out of range", epoch);
        st = PLOT_EINVAL;
    }

    pkg k = { .mtime = zip_time_for(epoch), .err = err, .err_len = err_len };
    zip_error_t ze;
    zip_error_init(&ze);
    if (st == PLOT_OK) {
        k.mem = zip_source_buffer_create(NULL, 0, 0, &ze);
        if (k.mem) {
            zip_source_keep(k.mem);
            k.za = zip_open_from_source(k.mem, ZIP_TRUNCATE, &ze);
        }
        if (!k.za) {
            plot_err_set(err, err_len, "pptx: cannot start the zip: %s", zip_error_strerror(&ze));
            st = PLOT_ENOMEM;
        }
    }
    if (st != PLOT_OK)
        goto done;

    plot_xml x = { 0 };
    content_types_xml(&x, slides, n_slides, any_png, notes);
    plot_xml_raw(&x, "</Types>");
    pkg_add_xml(&k, "[Content_Types].xml", &x);

    plot_xml_raw(&x, RELS_OPEN);
    rel(&x, "rId1", REL "officeDocument", "ppt/presentation.xml");
    rel(&x, "rId2", NS_PKG_REL "/metadata/core-properties", "docProps/core.xml");
    rel(&x, "rId3", REL "extended-properties", "docProps/app.xml");
    plot_xml_raw(&x, "</Relationships>");
    pkg_add_xml(&k, "_rels/.rels", &x);

    pkg_doc_props(&k, &x, info, slides, n_slides, date);
    pkg_presentation(&k, &x, n_slides, notes);
    pkg_masters(&k, &x, notes);
    pkg_slides(&k, &x, slides, pics, n_slides);
    plot_xml_free(&x);

    st = pkg_finish(&k, out, out_len, err, err_len);
done:
    if (k.mem)
        zip_source_free(k.mem);
    zip_error_fini(&ze);
    for (size_t i = 0; i < n_slides; i++)
        free(pics[i].owned);
    free(pics);
    return st;
}

int plot_pptx_write(const char *path, const plot_pptx_info *info, const plot_pptx_slide *slides,
                    size_t n_slides, char *err, size_t err_len)
{
    unsigned char *bytes = NULL;
    size_t len = 0;
    char e[256] = "";
    int st = plot_pptx_render(info, slides, n_slides, &bytes, &len, e, sizeof e);
    if (st != PLOT_OK) {
        plot_err_set(err, err_len, "%s: %s", path ? path : "(no path)", e);
        return st;
    }
    st = plot_file_write_atomic(path, bytes, len, err, err_len);
    free(bytes);
    return st;
}
