; Inno Setup 6 script for Rentan Desktop: a per-user install (no administrator rights needed).
; Build steps: packaging/windows/BUILD.md. Input: the PyInstaller folder dist\rentan\.
; Program files go to %LOCALAPPDATA%\Programs\Rentan Desktop; the database, backups and logs live in
; %LOCALAPPDATA%\RentanDesktop (created by the app itself) and are never removed by the uninstaller.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Rentan Desktop"
#define DistDir "..\..\dist\rentan"

[Setup]
; Keep this AppId forever: it is how a new version finds and replaces the old one.
AppId={{6F1C2B4E-5A7D-4C1B-9E3F-52544E310001}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Rentan Desktop
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=rentan-desktop-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\rentan.ico
UninstallDisplayIcon={app}\rentan-desktop.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
; An open app holds its files; ask to close it instead of failing half-way.
CloseApplications=yes

[Languages]
; Inno Setup ships no Indonesian wizard text. With the community translation saved as
; packaging\windows\Indonesian.isl, compile with /DWithIndonesian to offer it (BUILD.md).
#ifdef WithIndonesian
Name: "id"; MessagesFile: "Indonesian.isl"
#endif
Name: "en"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
; The whole one-folder bundle: both programs and the shared _internal\ folder.
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the old libraries completely so no stale DLL or migration lingers.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\rentan-desktop.exe"; IconFilename: "{app}\rentan-desktop.exe"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\rentan-desktop.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\rentan-desktop.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
