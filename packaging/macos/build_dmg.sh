#!/usr/bin/env bash
# Build ClockApp.app and a .dmg on macOS (recipe: needs a Mac; not run by this repository's CI).
#
#   bash packaging/macos/build_dmg.sh            -> build/installer/ClockApp-<version>.dmg
#
# Environment: PYTHON (default .venv/bin/python, with the test extras installed),
# CODESIGN_IDENTITY ("Developer ID Application: ..."; unset: ad-hoc signature, fine for tests,
# not for other Macs), NOTARY_PROFILE (a `xcrun notarytool store-credentials` profile; unset:
# no notarization). See packaging/macos/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-.venv/bin/python}
version=$("$PYTHON" -c 'import clockapp; print(clockapp.__version__)')
out=build/installer
mkdir -p "$out"

"$PYTHON" -m PyInstaller --noconfirm --distpath build/dist --workpath build/pyinstaller \
    packaging/clockapp.spec
app=build/dist/ClockApp.app
test -d "$app"
/usr/libexec/PlistBuddy -c 'Print :LSUIElement' "$app/Contents/Info.plist" | grep -q true

# Signed with the hardened runtime and a secure timestamp (notarization requires both), or ad
# hoc (identity "-") for a local test. Keychain access: macOS ties a keychain item's access list
# to the signature of the app that wrote it, so an unsigned or re-signed-ad-hoc build prompts
# (or fails) on every keyring call; ship only Developer ID-signed builds.
identity=${CODESIGN_IDENTITY:--}
if [ "$identity" = "-" ]; then
    codesign --force --deep --sign - "$app"
else
    codesign --force --deep --options runtime --timestamp --sign "$identity" "$app"
fi
codesign --verify --deep --strict --verbose=2 "$app"

# The disk image: the app and a link to /Applications to drag it to.
stage=$(mktemp -d)
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Applications"
dmg=$out/ClockApp-$version.dmg
rm -f "$dmg"
hdiutil create -volname "ClockApp $version" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$dmg"
rm -rf "$stage"

if [ "$identity" != "-" ]; then
    codesign --sign "$identity" --timestamp "$dmg"
fi
if [ -n "${NOTARY_PROFILE:-}" ]; then
    xcrun notarytool submit "$dmg" --keychain-profile "$NOTARY_PROFILE" --wait
    xcrun stapler staple "$dmg"
fi
echo "$dmg"
