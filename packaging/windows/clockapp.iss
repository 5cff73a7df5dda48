; Inno Setup 6 script for ClockApp on Windows: per-machine (default) or per-user installs.
;
; Build (on Windows, after PyInstaller made build\dist\clockapp with packaging\clockapp.spec):
;   iscc /DAppVersion=0.1.0 /O..\..\build\installer packaging\windows\clockapp.iss
; -> build\installer\ClockApp-0.1.0-setup.exe
;
; Install:
;   ClockApp-0.1.0-setup.exe                       asks: for all users (admin) or just me
;   ClockApp-0.1.0-setup.exe /VERYSILENT /ALLUSERS /POLICY=\\server\it\clockapp-policy.json /TASKS=autostart
;   ClockApp-0.1.0-setup.exe /VERYSILENT /CURRENTUSER                (no admin rights needed)
; /POLICY=FILE (per-machine installs only) copies FILE to %ProgramData%\ClockApp\policy.json,
; the admin policy ClockApp reads (clockapp/settings.py policy_path). Never put secrets in it.
; /TASKS=autostart starts ClockApp at sign-in: the Run key of HKLM for all users (per-machine),
; or of HKCU (per-user), value "ClockApp" (the same value the app's own setting writes in HKCU).
; Uninstall keeps every user's data (%LOCALAPPDATA%\ClockApp, the Credential Manager entries)
; and the policy file; it asks the user running it whether to delete *their* data, and deletes
; it without asking with /PURGE=yes (e.g. unins000.exe /VERYSILENT /PURGE=yes).

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define BundleDir "..\..\build\dist\clockapp"

[Setup]
AppId={{6F1E2C1B-6D0B-4C55-9B7A-0C1A5E1D7C42}
AppName=ClockApp
AppVersion={#AppVersion}
AppVerName=ClockApp {#AppVersion}
AppPublisher=ClockApp
DefaultDirName={autopf}\ClockApp
DefaultGroupName=ClockApp
DisableProgramGroupPage=yes
; Per-machine by default; "dialog" lets the user choose per-user, /ALLUSERS and /CURRENTUSER
; choose on the command line (silent fleet installs).
PrivilegesRequired=admin
PrivilegesRequiredOverridesAllowed=dialog commandline
UsePreviousPrivileges=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputBaseFilename=ClockApp-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\clockappw.exe
UninstallDisplayName=ClockApp
; Closes a running ClockApp (Restart Manager) before replacing its files.
CloseApplications=yes
RestartApplications=no
#ifdef AppIcon
SetupIconFile={#AppIcon}
#endif

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "de"; MessagesFile: "compiler:Languages\German.isl"

[CustomMessages]
en.AutostartTask=Start ClockApp when I sign in
de.AutostartTask=ClockApp bei der Anmeldung starten
en.DeleteData=Also delete your ClockApp data (your recorded times and settings in %1)?%n%nChoose No to keep them for a later installation.
de.DeleteData=Auch Ihre ClockApp-Daten löschen (erfasste Zeiten und Einstellungen in %1)?%n%nWählen Sie Nein, um sie für eine spätere Installation zu behalten.

[Tasks]
Name: "autostart"; Description: "{cm:AutostartTask}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
; The fleet policy, from /POLICY=FILE (per-machine installs only). Kept on uninstall: it is IT's.
Source: "{param:POLICY}"; DestDir: "{commonappdata}\ClockApp"; DestName: "policy.json"; \
  Flags: external skipifsourcedoesntexist uninsneveruninstall; Check: PolicyGiven

[Icons]
; clockappw.exe is the windowed twin of clockapp.exe (the command line): no console window.
Name: "{autoprograms}\ClockApp"; Filename: "{app}\clockappw.exe"; Comment: "Clock in and out from the system tray"

[Registry]
; HKA: HKLM in a per-machine install (every user), HKCU in a per-user install.
Root: HKA; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; \
  ValueName: "ClockApp"; ValueData: """{app}\clockappw.exe"""; Flags: uninsdeletevalue; Tasks: autostart

[Run]
Filename: "{app}\clockappw.exe"; Description: "{cm:LaunchProgram,ClockApp}"; \
  Flags: nowait postinstall skipifsilent runasoriginaluser

[Code]
function PolicyGiven: Boolean;
begin
  Result := IsAdminInstallMode and (ExpandConstant('{param:POLICY}') <> '');
end;

function UserDataDir: String;
begin
  { platformdirs' user data and config folder on Windows: %LOCALAPPDATA%\ClockApp }
  Result := ExpandConstant('{localappdata}\ClockApp');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Purge: Boolean;
begin
  if (CurUninstallStep = usPostUninstall) and DirExists(UserDataDir) then
  begin
    Purge := ExpandConstant('{param:PURGE|no}') <> 'no';
    if not Purge and not UninstallSilent then
      Purge := MsgBox(FmtMessage(CustomMessage('DeleteData'), [UserDataDir]),
        mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
    if Purge then
      DelTree(UserDataDir, True, True, True);
  end;
end;
