#!/usr/bin/env bash
# Build ClockApp for Linux: the PyInstaller bundle (onedir), then a Debian package.
#
#   bash packaging/build_linux.sh [--bundle-only] [--force]
#
# Needs the project's environment (`bash tests/run` makes .venv with PyInstaller in the test
# extras; PYTHON=... picks another) and dpkg-deb. Writes, all under build/ (gitignored):
#   build/dist/clockapp/             the bundle: ./clockapp and _internal/
#   build/dist/clockapp.stamp        what it was built from; an unchanged tree reuses the bundle
#   build/deb/clockapp_<version>_<arch>.deb
#
# The package installs the bundle to /opt/clockapp with /usr/bin/clockapp -> /opt/clockapp/clockapp,
# a menu entry, the icon in the hicolor theme and, for admins, an autostart entry to enable
# (packaging/linux/README.Debian, installed to /usr/share/doc/clockapp/). Its Depends are derived
# from the bundle: every shared library the bundle loads from the system (ldd), mapped to its
# Debian package (dpkg -S), plus libxss1 and libxfixes3 (idle time and the XEmbed tray host, loaded
# with ctypes) and a libc6 version from the newest GLIBC symbol version the bundle uses.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

bundle_only=false
force=false
for arg in "$@"; do
    case $arg in
        --bundle-only) bundle_only=true ;;
        --force) force=true ;;
        *) echo "usage: $0 [--bundle-only] [--force]" >&2; exit 2 ;;
    esac
done

PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
DIST=$ROOT/build/dist
BUNDLE=$DIST/clockapp
STAMP=$DIST/clockapp.stamp
DEB_DIR=$ROOT/build/deb

step() { echo "== $*"; }
need() { echo "build_linux.sh: $*" >&2; exit 1; }

# What the build needs, said plainly before anything starts.
if [ ! -x "$PYTHON" ] && ! command -v "$PYTHON" >/dev/null 2>&1; then
    need "no Python environment at $PYTHON: run 'bash tests/run' once (it makes .venv with \
PyInstaller), or set PYTHON to a Python 3.11+ that has this project and PyInstaller installed \
(pip install -e '.[test]')."
fi
"$PYTHON" -c 'import PyInstaller, clockapp' 2>/dev/null \
    || need "$PYTHON lacks PyInstaller or ClockApp: install them into it with pip install -e '.[test]'."
"$PYTHON" -c '
import ctypes.util, os, sys, sysconfig
lib = os.path.join(sysconfig.get_config_var("LIBDIR") or "", sysconfig.get_config_var("INSTSONAME") or "")
sys.exit(not (os.path.isfile(lib) or ctypes.util.find_library("python%d.%d" % sys.version_info[:2])))
' || need "PyInstaller needs Python's shared library, which $PYTHON lacks: on Debian or Ubuntu \
install libpython3.$("$PYTHON" -c 'import sys; print(sys.version_info[1])') (sudo apt-get install \
libpython3.$("$PYTHON" -c 'import sys; print(sys.version_info[1])'))."
$bundle_only || command -v dpkg-deb >/dev/null || need "the Debian package needs dpkg-deb (package dpkg)."

# What the bundle is made of: the package, the spec, the translations, the environment.
stamp() {
    {
        find clockapp packaging/clockapp.spec packaging/launcher.py resources/i18n resources/icons \
            -type f ! -path '*__pycache__*' ! -name '*.pyc' -print0 2>/dev/null \
            | sort -z | xargs -0 sha256sum
        "$PYTHON" -m pip freeze --exclude-editable 2>/dev/null
        "$PYTHON" --version
    } | sha256sum | cut -d' ' -f1
}

want=$(stamp)
if ! $force && [ -x "$BUNDLE/clockapp" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
    step "bundle up to date: $BUNDLE"
else
    step "PyInstaller: $BUNDLE"
    rm -f "$STAMP"
    started=$(date +%s)
    "$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
        --distpath "$DIST" --workpath "$ROOT/build/pyinstaller" packaging/clockapp.spec
    echo "$want" > "$STAMP"
    echo "built in $(( $(date +%s) - started )) s"
fi
echo "bundle size: $(du -sh "$BUNDLE" | cut -f1)"
$bundle_only && exit 0

# ---- the Debian package ----------------------------------------------------------------------
version=$("$PYTHON" -c 'import clockapp; print(clockapp.__version__)')
arch=$(dpkg --print-architecture)
stage=$ROOT/build/deb-root
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
    "$stage/usr/share/icons/hicolor/scalable/apps" "$stage/usr/share/clockapp" \
    "$stage/usr/share/doc/clockapp"
step "staging $stage"
cp -a "$BUNDLE" "$stage/opt/clockapp"
ln -s /opt/clockapp/clockapp "$stage/usr/bin/clockapp"
install -m 644 packaging/linux/clockapp.desktop "$stage/usr/share/applications/clockapp.desktop"
install -m 644 packaging/linux/clockapp-autostart.desktop "$stage/usr/share/clockapp/"
install -m 644 resources/icons/clock-working.svg \
    "$stage/usr/share/icons/hicolor/scalable/apps/clockapp.svg"
install -m 644 packaging/linux/README.Debian packaging/linux/copyright \
    packaging/policy.example.json "$stage/usr/share/doc/clockapp/"
# Whatever the umask: directories and executables 755, everything else 644.
chmod -R u=rwX,go=rX "$stage"

step "Depends, from what the bundle loads from the system"
# ldd resolves every library (transitively: none may be missing); the Depends name the packages
# of the libraries the bundle links directly (readelf's NEEDED), as dpkg-shlibdeps would.
libdirs=$(find "$stage/opt/clockapp" -name '*.so*' -printf '%h\n' | sort -u | paste -sd:)
mapfile -d '' elves < <(find "$stage/opt/clockapp" -type f \( -name '*.so*' -o -name clockapp \) -print0)
declare -A where=()
missing=()
while read -r lib path; do
    if [ "$path" = "not" ]; then missing+=("$lib"); else where[$lib]=$path; fi
done < <(
    env LD_LIBRARY_PATH="$libdirs" ldd "${elves[@]}" 2>/dev/null \
        | awk -v stage="$stage" '/=>/ { if ($3 == "not") print $1, "not"; else if (index($3, stage) != 1) print $1, $3 }' \
        | sort -u
)
declare -A packages=()
for lib in $(readelf -d "${elves[@]}" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | sort -u); do
    path=${where[$lib]:-}
    [ -n "$path" ] || continue  # in the bundle
    owner=$(dpkg -S "$path" 2>/dev/null || dpkg -S "$(readlink -f "$path")" 2>/dev/null \
        || dpkg -S "/usr$path" 2>/dev/null || true)
    if [ -z "$owner" ]; then missing+=("$lib (at $path, in no package)"); continue; fi
    packages[${owner%%:*}]=1
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "the bundle needs libraries this system does not have: ${missing[*]}" >&2
    echo "install them (tests/apt-packages.txt lists them) and build again" >&2
    exit 1
fi
unset 'packages[libc6]'
glibc=$(grep -aoh 'GLIBC_2\.[0-9]\+' -r "$stage/opt/clockapp" | sort -uV | tail -1)
depends="libc6 (>= ${glibc#GLIBC_})"
for pkg in $(printf '%s\n' "${!packages[@]}" libxss1 libxfixes3 | sort -u); do
    depends+=", $pkg"
done
echo "Depends: $depends"

installed_kib=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<EOF
Package: clockapp
Version: $version
Architecture: $arch
Maintainer: ClockApp maintainers <clockapp@localhost>
Installed-Size: $installed_kib
Depends: $depends
Recommends: fonts-dejavu-core | fonts-liberation2 | fonts-noto-core
Section: utils
Priority: optional
Homepage: https://example.invalid/clockapp
Description: clock in and out from the system tray
 ClockApp records every clock event on this machine the moment you click, works
 offline, and uploads finished sessions to TimeTrack or Papershift exactly once.
 API secrets stay in the desktop's keyring (Secret Service).
 .
 Fleet installs: an admin policy in /etc/clockapp/policy.json presets and locks
 settings (never secrets); see /usr/share/doc/clockapp/README.Debian. To start
 ClockApp at login for every user, copy
 /usr/share/clockapp/clockapp-autostart.desktop to /etc/xdg/autostart/.
EOF

mkdir -p "$DEB_DIR"
deb=$DEB_DIR/clockapp_${version}_${arch}.deb
step "dpkg-deb: $deb"
# xz at level 6: every dpkg since Debian 9 reads it; dpkg-deb uses both cores.
dpkg-deb --root-owner-group -Zxz -z6 --build "$stage" "$deb" >/dev/null
echo "package: $(du -h "$deb" | cut -f1), installed size: $((installed_kib / 1024)) MiB"
