#!/bin/sh
# Installs exactly the Debian packages devopsim needs that are missing.
# Usage: tools/setup.sh [build|check|notebooks|mpi|office|all]...   (default: build)
# Silent and fast when everything is present. As root it runs apt-get;
# otherwise it prints the exact command to run and exits 2.
# Groups: build (compile), check (+ cmocka, clang for fuzzing, Open MPI for the
# MPI test of `make check`), notebooks, mpi (Open MPI alone), office (LibreOffice
# Impress and Calc with poppler, for the PowerPoint/Excel round trip of
# `make check`; that test says SKIPPED when they cannot be installed), all.
set -eu

want_build="pkg-config:pkg-config gcc:gcc make:make libgsl-dev:gsl libcjson-dev:libcjson libcairo2-dev:cairo fonts-dejavu-core: libzip-dev:libzip libxlsxwriter-dev:xlsxwriter"
want_check="libcmocka-dev:cmocka clang:"
want_notebooks="jupyter-nbconvert: python3-nbclient: python3-ipykernel: python3-pandas: python3-matplotlib: python3-nbformat:"
want_mpi="libopenmpi-dev:ompi openmpi-bin:"
want_office="libreoffice-impress: libreoffice-calc: poppler-utils:"

groups="${*:-build}"
list=""
for g in $groups; do
    case "$g" in
        build) list="$list $want_build" ;;
        check) list="$list $want_build $want_check $want_mpi" ;;
        notebooks) list="$list $want_notebooks" ;;
        mpi) list="$list $want_build $want_mpi" ;;
        office) list="$list $want_office" ;;
        all) list="$list $want_build $want_check $want_notebooks $want_mpi $want_office" ;;
        *) echo "setup.sh: unknown group '$g' (build, check, notebooks, mpi, office, all)" >&2; exit 2 ;;
    esac
done

missing=""
for item in $list; do
    pkg=${item%%:*}
    pc=${item#*:}
    case " $missing " in *" $pkg "*) continue ;; esac
    present=0
    if [ -n "$pc" ] && command -v pkg-config >/dev/null 2>&1; then
        pkg-config --exists "$pc" 2>/dev/null && present=1
    fi
    if [ "$present" = 0 ]; then
        st=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
        [ "$st" = "install ok installed" ] && present=1
    fi
    [ "$present" = 1 ] || missing="$missing $pkg"
done

[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
    echo "devopsim set-up: missing packages. Run as root:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
    exit 2
fi
echo "devopsim set-up: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# Update the package lists only when they are absent or older than a day.
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mtime -1 2>/dev/null | head -n 1)" ]; then
    apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
fi
# Wait for the package lock rather than fail: make -j runs several groups at
# once, and other users of the machine may be installing too.
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing >&2
