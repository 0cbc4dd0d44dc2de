; SPDX-License-Identifier: GPL-3.0-or-later
; The Windows installer: makensis -INPUTCHARSET UTF8 -DVERSION=… -DBUNDLE=dist/nianbao-win64
;   -DOUTFILE=… -DSRCROOT=… nianbao.nsi   (build-aux/windows/build.sh installer)
Unicode true
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel admin

!include "MUI2.nsh"
!include "x64.nsh"

!define APPNAME "政府信息公开年报"
!define APPKEY "nianbao"
!define PROGID "nianbao.Report"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APPKEY}"

Name "${APPNAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$PROGRAMFILES64\nianbao"
InstallDirRegKey HKLM "Software\${APPKEY}" "InstallDir"
BrandingText "nianbao ${VERSION}"

!define MUI_ICON "${BUNDLE}\share\icons\nianbao.ico"
!define MUI_UNICON "${BUNDLE}\share\icons\nianbao.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\bin\nianbao.exe"
!define MUI_FINISHPAGE_RUN_TEXT "启动${APPNAME}"

!insertmacro MUI_PAGE_WELCOME
!if /FileExists "${SRCROOT}\COPYING"
!insertmacro MUI_PAGE_LICENSE "${SRCROOT}\COPYING"
!endif
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileDescription" "${APPNAME} 安装程序"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_SIMPCHINESE} "LegalCopyright" "GPL-3.0-or-later"

Section "${APPNAME}" SecMain
  SectionIn RO
  SetRegView 64
  SetShellVarContext all
  SetOutPath "$INSTDIR"
  File /r "${BUNDLE}\*.*"

  WriteRegStr HKLM "Software\${APPKEY}" "InstallDir" "$INSTDIR"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  ; Start menu and desktop
  CreateDirectory "$SMPROGRAMS\${APPNAME}"
  CreateShortCut "$SMPROGRAMS\${APPNAME}\${APPNAME}.lnk" "$INSTDIR\bin\nianbao.exe" "" "$INSTDIR\share\icons\nianbao.ico"
  CreateShortCut "$SMPROGRAMS\${APPNAME}\卸载${APPNAME}.lnk" "$INSTDIR\uninstall.exe"
  CreateShortCut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\bin\nianbao.exe" "" "$INSTDIR\share\icons\nianbao.ico"

  ; .nianbao files open with nianbao (double-click), with its icon
  WriteRegStr HKCR ".nianbao" "" "${PROGID}"
  WriteRegStr HKCR ".nianbao" "Content Type" "application/x-nianbao"
  WriteRegStr HKCR "${PROGID}" "" "政府信息公开工作年度报告"
  WriteRegStr HKCR "${PROGID}\DefaultIcon" "" "$INSTDIR\share\icons\nianbao.ico"
  WriteRegStr HKCR "${PROGID}\shell\open\command" "" '"$INSTDIR\bin\nianbao.exe" "%1"'
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; Programs and Features
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTKEY}" "Publisher" "nianbao"
  WriteRegStr HKLM "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\share\icons\nianbao.ico"
  WriteRegStr HKLM "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKLM "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTKEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetRegView 64
  SetShellVarContext all
  Delete "$DESKTOP\${APPNAME}.lnk"
  RMDir /r "$SMPROGRAMS\${APPNAME}"
  ReadRegStr $0 HKCR ".nianbao" ""
  StrCmp $0 "${PROGID}" 0 +2
    DeleteRegKey HKCR ".nianbao"
  DeleteRegKey HKCR "${PROGID}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
  DeleteRegKey HKLM "${UNINSTKEY}"
  DeleteRegKey HKLM "Software\${APPKEY}"
  RMDir /r "$INSTDIR\bin"
  RMDir /r "$INSTDIR\share"
  RMDir /r "$INSTDIR\lib"
  RMDir /r "$INSTDIR\etc"
  Delete "$INSTDIR\VERSION"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
SectionEnd
