#!/bin/sh
# Checks that the include graph obeys the layers of docs/architecture.md:
# every #include "folder/file.h" in a folder's .c and .h files names a folder
# that folder may use. Exit 0 when it does; 1 with one line per offending
# include (file:line: folder -> folder) otherwise.
#
#   cli -> sweep -> batch -> report -> scenario -> models -> sim -> util
#                   report -> plots -> util
#
# (scenario/ holds the scenario loader: it
# reads files into the models' parameter types.)
#
# A folder may include itself and anything its arrows reach (so batch may
# include plots through report); nothing points up, so the graph has no
# cycles between folders. tests/, bench/ and tools/ sit outside the layers.
set -u
cd "$(dirname "$0")/.." || exit 2

allowed() {
    case "$1" in
        util)   echo "util" ;;
        sim)    echo "sim util" ;;
        models) echo "models sim util" ;;
        plots)  echo "plots util" ;;
        scenario) echo "scenario models sim util" ;;
        report) echo "report scenario models sim plots util" ;;
        batch)  echo "batch report scenario models sim plots util" ;;
        sweep)  echo "sweep batch report scenario models sim plots util" ;;
        cli)    echo "cli sweep batch report scenario models sim plots util" ;;
        *)      echo "" ;;
    esac
}

bad=0
tmp=$(mktemp) || exit 2
for dir in util sim models scenario plots report batch sweep cli; do
    [ -d "$dir" ] || continue
    ok=$(allowed "$dir")
    for f in "$dir"/*.c "$dir"/*.h; do
        [ -e "$f" ] || continue
        # "folder/file.h" includes only: <system> headers are outside the graph.
        grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
        sed 's/^\([0-9]*\):.*"\([^"]*\)".*/\1 \2/' |
        while read -r line inc; do
            case "$inc" in
                */*) to=${inc%%/*} ;;
                *) echo "$f:$line: \"$inc\" names no folder (write \"folder/file.h\")"; echo x ;;
            esac
            case "$inc" in */*) ;; *) continue ;; esac
            case " $ok " in
                *" $to "*) ;;
                *) echo "$f:$line: $dir -> $to (\"$inc\") points against the layers"; echo x ;;
            esac
        done
    done
done > "$tmp" 2>&1
# A new folder of sources must get its place in the layers (here and in the doc).
for d in */; do
    d=${d%/}
    case "$d" in tests|bench|tools|notebooks|docs|scenarios|build*) continue ;; esac
    ls "$d"/*.c "$d"/*.h >/dev/null 2>&1 || continue
    [ -n "$(allowed "$d")" ] || { echo "$d/: a folder of sources with no place in the layers"; echo x; }
done >> "$tmp" 2>&1
grep -v "^x$" "$tmp"
grep -q "^x$" "$tmp" && bad=1
rm -f "$tmp"
if [ "$bad" = 0 ]; then
    echo "check_layers: every include follows docs/architecture.md"
fi
exit "$bad"
