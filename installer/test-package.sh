#!/usr/bin/env bash
# Builds the Debian package and the tarball from a built tree, unpacks both into a temporary
# folder and checks that what a user would get works:
#
#   installer/test-package.sh BUILD_DIR VERSION
#
# The .deb is unpacked with `dpkg-deb -x` into a temporary root (not `dpkg --root`/--instdir:
# those need a dpkg database inside the root and run maintainer scripts and triggers). Nothing
# outside the temporary folder is touched; no root rights are needed.
set -euo pipefail

BUILD="$(cd "${1:?usage: test-package.sh BUILD_DIR VERSION}" && pwd)"
VERSION="${2:?usage: test-package.sh BUILD_DIR VERSION}"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/pb-package.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok:   $*"; }
have() { command -v "$1" >/dev/null 2>&1; }

# --- build the packages -------------------------------------------------------------------
cd "$BUILD"
if ! cpack -G "DEB;TGZ" -B "$TMP/pkg" >"$TMP/cpack.log" 2>&1; then
    cat "$TMP/cpack.log" >&2
    echo "FAIL: cpack could not build the packages" >&2
    exit 1
fi
DEB="$(ls "$TMP"/pkg/probeboard_"$VERSION"_*.deb 2>/dev/null | head -n1)"
TGZ="$(ls "$TMP"/pkg/probeboard-"$VERSION"-*.tar.gz 2>/dev/null | head -n1)"
[ -f "$DEB" ] || { ls "$TMP/pkg" >&2; echo "FAIL: no probeboard_${VERSION}_*.deb" >&2; exit 1; }
[ -f "$TGZ" ] || { ls "$TMP/pkg" >&2; echo "FAIL: no probeboard-${VERSION}-*.tar.gz" >&2; exit 1; }
pass "cpack built $(basename "$DEB") and $(basename "$TGZ")"

# --- control fields -----------------------------------------------------------------------
field() { dpkg-deb -f "$DEB" "$1"; }
[ "$(field Package)" = probeboard ] && pass "Package: probeboard" || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$VERSION" ] && pass "Version: $VERSION" || fail "Version is '$(field Version)', want $VERSION"
DEPENDS="$(field Depends)"
case "$DEPENDS" in
*libc6*) pass "Depends (from shlibdeps): $DEPENDS" ;;
*) fail "Depends lacks the shlibdeps libraries: '$DEPENDS'" ;;
esac
[ -n "$(field Section)" ] && [ -n "$(field Maintainer)" ] && [ -n "$(field Description)" ] ||
    fail "Section, Maintainer or Description is empty"

# --- contents -----------------------------------------------------------------------------
dpkg-deb -c "$DEB" | awk '{print $6}' | sed 's|^\./|/|' >"$TMP/contents"
outside="$(grep -v -E '^/usr(/|$)' "$TMP/contents" || true)"
[ -z "$outside" ] && pass "every file is under /usr" || fail "files outside /usr: $outside"
if grep -q -F "$BUILD" <(dpkg-deb --fsys-tarfile "$DEB" | tar -xO --wildcards '*.desktop' '*.xml' 2>/dev/null); then
    fail "a packaged text file names the build folder"
fi
HAS_DESKTOP=0
grep -q -x '/usr/bin/probeboard' "$TMP/contents" && HAS_DESKTOP=1
required=(
    /usr/bin/probeboard-cli
    /usr/share/applications/probeboard.desktop
    /usr/share/metainfo/io.github.probeboard.Probeboard.metainfo.xml
    /usr/share/mime/packages/probeboard.xml
    /usr/share/icons/hicolor/scalable/apps/probeboard.svg
    /usr/share/icons/hicolor/scalable/mimetypes/application-x-probeboard.svg
    /usr/share/man/man1/probeboard-cli.1.gz
    /usr/share/probeboard/themes/light.json
    /usr/share/probeboard/themes/dark.json
    /usr/share/probeboard/icons/database.svg
)
for size in 16 22 24 32 48 64 128 256 512; do
    required+=("/usr/share/icons/hicolor/${size}x${size}/apps/probeboard.png")
done
if [ "$HAS_DESKTOP" = 1 ]; then
    required+=(/usr/share/man/man1/probeboard.1.gz)
    case "$DEPENDS" in
    *libqt6*qt6-qpa-plugins* | *qt6-qpa-plugins*libqt6*) pass "Depends names Qt and its platform plugins" ;;
    *) fail "the package holds probeboard but Depends lacks Qt or qt6-qpa-plugins: '$DEPENDS'" ;;
    esac
else
    echo "note: the package has no /usr/bin/probeboard (desktop app not built); checking the rest"
fi
missing=0
for f in "${required[@]}"; do
    grep -q -x -F "$f" "$TMP/contents" || { fail "missing $f"; missing=1; }
done
[ "$missing" = 0 ] && pass "all ${#required[@]} expected files are in the package"

# --- unpack into a temporary root ---------------------------------------------------------
ROOT="$TMP/root"
dpkg-deb -x "$DEB" "$ROOT"
CLI="$ROOT/usr/bin/probeboard-cli"
DATA="$ROOT/usr/share/probeboard"

if have ldd; then
    notfound="$(ldd "$CLI" | grep 'not found' || true)"
    [ -z "$notfound" ] && pass "probeboard-cli resolves all its libraries" || fail "ldd: $notfound"
fi

# Run the programs from / with a clean environment so nothing points them at the source tree.
run() { (cd / && env -u PROBEBOARD_RESOURCES "$@"); }

out="$(run "$CLI" --version 2>&1)" || fail "probeboard-cli --version exited $?"
case "$out" in *"$VERSION"*) pass "probeboard-cli --version: $out" ;; *) fail "probeboard-cli --version printed '$out'" ;; esac
if [ "$HAS_DESKTOP" = 1 ]; then
    out="$(run env QT_QPA_PLATFORM=offscreen "$ROOT/usr/bin/probeboard" --version 2>/dev/null)" ||
        fail "probeboard --version exited $?"
    case "$out" in *"$VERSION"*) pass "probeboard --version: $out" ;; *) fail "probeboard --version printed '$out'" ;; esac
fi

# The installed CLI reviews an installed example, finding its rule packs relative to itself.
mapfile -t examples < <(find "$DATA/examples" -maxdepth 1 -type f \( -name '*.probeboard' -o -name '*.dot' -o -name '*.json' \) ! -name index.json | sort | head -n 3)
if [ "${#examples[@]}" = 0 ]; then
    fail "the package ships no example designs in /usr/share/probeboard/examples"
fi
for ex in "${examples[@]}"; do
    status=0
    run "$CLI" check --format json "$ex" >"$TMP/check.json" 2>"$TMP/check.err" || status=$?
    if [ "$status" -gt 1 ]; then
        fail "probeboard-cli check $(basename "$ex") exited $status: $(head -c 400 "$TMP/check.err")"
    elif ! have python3; then
        pass "installed probeboard-cli checked installed example $(basename "$ex") (exit $status; JSON not parsed: no python3)"
    elif python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d=d[0] if isinstance(d,list) else d; assert isinstance(d["findings"], list)' "$TMP/check.json" 2>/dev/null; then
        pass "installed probeboard-cli checked installed example $(basename "$ex") (exit $status)"
    else
        fail "probeboard-cli check $(basename "$ex") printed no JSON report: $(head -c 300 "$TMP/check.json")"
    fi
done

# Prove the installed data is what it reads: break the installed copy of a rule pack, and the
# CLI must complain about that file (if it silently used the source tree, it would not).
pack="$(find "$DATA/packs" -maxdepth 1 -type f -name '*.json' | sort | head -n1)"
if [ -z "$pack" ]; then
    fail "the package ships no rule packs in /usr/share/probeboard/packs"
elif [ "${#examples[@]}" -gt 0 ]; then
    cp "$pack" "$TMP/pack.orig"
    printf '{ "this pack": is broken' >"$pack"
    status=0
    run "$CLI" check "${examples[0]}" >/dev/null 2>"$TMP/broken.err" || status=$?
    if [ "$status" = 2 ] && grep -q -F "$(basename "$pack")" "$TMP/broken.err"; then
        pass "the installed CLI reads the installed packs (a broken $(basename "$pack") is reported)"
    else
        fail "breaking the installed $(basename "$pack") did not make the installed CLI fail (exit $status): it may be reading another folder"
    fi
    cp "$TMP/pack.orig" "$pack"
fi

# --- desktop integration ------------------------------------------------------------------
if have desktop-file-validate; then
    desktop-file-validate "$ROOT/usr/share/applications/probeboard.desktop" &&
        pass "desktop-file-validate" || fail "desktop-file-validate"
else
    echo "skip: desktop-file-validate not installed (desktop-file-utils)"
fi
if have appstreamcli; then
    appstreamcli validate --no-net "$ROOT/usr/share/metainfo/io.github.probeboard.Probeboard.metainfo.xml" >"$TMP/as.log" 2>&1 &&
        pass "appstreamcli validate --no-net" || { cat "$TMP/as.log" >&2; fail "appstreamcli validate"; }
else
    echo "skip: appstreamcli not installed (appstream)"
fi
# Compile the MIME and desktop databases inside the temporary root, as the dpkg triggers do on
# a real install, and check that .probeboard maps to our type and our type to probeboard.desktop.
if have update-mime-database; then
    update-mime-database "$ROOT/usr/share/mime" >/dev/null 2>&1 || fail "update-mime-database rejected probeboard.xml"
    grep -q -E '^[0-9]+:application/x-probeboard:\*\.probeboard' "$ROOT/usr/share/mime/globs2" &&
        pass "shared-mime-info maps *.probeboard to application/x-probeboard" ||
        fail "*.probeboard is not in the compiled MIME globs"
    # What a file manager asks: GIO's answer by name, and by content for a renamed design.
    if have gio; then
        mkdir -p "$TMP/files"
        printf '{\n    "format": "probeboard/1",\n    "title": "t"\n}\n' >"$TMP/files/design.probeboard"
        cp "$TMP/files/design.probeboard" "$TMP/files/renamed-design"
        for f in design.probeboard renamed-design; do
            type="$(XDG_DATA_DIRS="$ROOT/usr/share:/usr/share" XDG_DATA_HOME="$TMP/none" \
                gio info -a standard::content-type "$TMP/files/$f" 2>/dev/null | sed -n 's/.*content-type: //p')"
            [ "$type" = application/x-probeboard ] && pass "gio sees $f as application/x-probeboard" ||
                fail "gio sees $f as '$type'"
        done
    fi
else
    echo "skip: update-mime-database not installed (shared-mime-info)"
fi
if have update-desktop-database; then
    update-desktop-database "$ROOT/usr/share/applications"
    grep -q -E '^application/x-probeboard=.*probeboard\.desktop' "$ROOT/usr/share/applications/mimeinfo.cache" &&
        pass "application/x-probeboard opens with probeboard.desktop" ||
        fail "the desktop database does not associate application/x-probeboard with probeboard.desktop"
fi

# Every hicolor PNG has the size its folder says (PNG IHDR: width and height at bytes 16..23).
badsize=""
for size in 16 22 24 32 48 64 128 256 512; do
    png="$ROOT/usr/share/icons/hicolor/${size}x${size}/apps/probeboard.png"
    [ -f "$png" ] || continue
    dims="$(od -An -tu1 -j16 -N8 "$png" | awk '{print $3*256+$4 "x" $7*256+$8}')"
    [ "$dims" = "${size}x${size}" ] || badsize="$badsize ${size}px:$dims"
done
[ -z "$badsize" ] && pass "hicolor PNGs have their nominal sizes" || fail "PNG sizes wrong:$badsize"

# Man pages format without warnings and carry the version.
if have man; then
    for page in "$ROOT"/usr/share/man/man1/*.1.gz; do
        warn="$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null || true)"
        text="$(MANWIDTH=80 man -l "$page" 2>/dev/null || true)"
        if [ -n "$warn" ]; then
            fail "man $(basename "$page"): $warn"
        elif ! grep -q -F "$VERSION" <<<"$text"; then
            fail "man $(basename "$page") does not show version $VERSION"
        else
            pass "man page $(basename "$page") formats cleanly"
        fi
    done
fi

# --- the tarball is relocatable: unpack it anywhere and the CLI finds its data ------------
mkdir -p "$TMP/tgz"
tar -xzf "$TGZ" -C "$TMP/tgz"
TCLI="$(find "$TMP/tgz" -path '*/bin/probeboard-cli' -type f | head -n1)"
if [ -z "$TCLI" ]; then
    fail "the tarball has no bin/probeboard-cli"
else
    TDATA="$(dirname "$(dirname "$TCLI")")/share/probeboard"
    [ -d "$TDATA/packs" ] && pass "the tarball has share/probeboard next to bin/" || fail "the tarball lacks share/probeboard/packs"
    if [ "${#examples[@]}" -gt 0 ]; then
        ex="$TDATA/examples/$(basename "${examples[0]}")"
        status=0
        run "$TCLI" check "$ex" >/dev/null 2>"$TMP/tgz.err" || status=$?
        [ "$status" -le 1 ] && pass "the unpacked tarball's CLI checks $(basename "$ex")" ||
            fail "the tarball's CLI exited $status: $(head -c 300 "$TMP/tgz.err")"
    fi
fi

echo
if [ "$failures" -gt 0 ]; then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "package checks passed"
