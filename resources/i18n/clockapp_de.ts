<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>App</name>
    <message>
        <source>ClockApp is already running; showing it.</source>
        <extracomment>Set to 1 to print JSON lines about the tray, popup and menu geometry on stdout (the end-to-end test clicks by them; the benchmark times the first one).</extracomment>
        <translation>ClockApp läuft bereits; es wird angezeigt.</translation>
    </message>
    <message>
        <source>ClockApp is already running but does not answer; try again in a moment.</source>
        <translation>ClockApp läuft bereits, antwortet aber nicht; bitte gleich noch einmal versuchen.</translation>
    </message>
</context>
<context>
    <name>AwayPrompt</name>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} Min.</translation>
    </message>
    <message>
        <source>{hours} h {minutes:02d} min</source>
        <translation>{hours} Std. {minutes:02d} Min.</translation>
    </message>
    <message>
        <source>You are still clocked in, but ClockApp last saw you at {start} and was not running until {end} ({length}). Were you still working?</source>
        <translation>Sie sind noch eingestempelt, aber ClockApp hat Sie zuletzt um {start} gesehen und lief bis {end} nicht ({length}). Haben Sie weitergearbeitet?</translation>
    </message>
    <message>
        <source>Your computer was asleep or you were away from {start} to {end} ({length}). Was that a break, work, or the end of your day?</source>
        <translation>Ihr Computer schlief oder Sie waren von {start} bis {end} abwesend ({length}). War das eine Pause, Arbeit oder Ihr Feierabend?</translation>
    </message>
    <message>
        <source>You were away from {start} to {end} ({length}). Was that a break, work, or the end of your day?</source>
        <translation>Sie waren von {start} bis {end} abwesend ({length}). War das eine Pause, Arbeit oder Ihr Feierabend?</translation>
    </message>
</context>
<context>
    <name>AwayPromptDialog</name>
    <message>
        <source>ClockApp: were you working?</source>
        <extracomment>The person&apos;s answer (an ``AwayAnswer``); emitted once, also for a dismissal.</extracomment>
        <translation>ClockApp: Haben Sie gearbeitet?</translation>
    </message>
    <message>
        <source>It was a &amp;break</source>
        <translation>Es war eine &amp;Pause</translation>
    </message>
    <message>
        <source>&amp;Yes, I was working</source>
        <translation>&amp;Ja, ich habe gearbeitet</translation>
    </message>
    <message>
        <source>No, I &amp;stopped at {start}</source>
        <translation>Nein, ich habe um {start} &amp;aufgehört</translation>
    </message>
    <message>
        <source>A &amp;break</source>
        <translation>Eine &amp;Pause</translation>
    </message>
    <message>
        <source>&amp;Work</source>
        <translation>&amp;Arbeit</translation>
    </message>
    <message>
        <source>&amp;End of my day (clock out at {start})</source>
        <translation>&amp;Feierabend (ausstempeln um {start})</translation>
    </message>
    <message>
        <source>If you close this, the time counts as work.</source>
        <translation>Wenn Sie dieses Fenster schließen, zählt die Zeit als Arbeit.</translation>
    </message>
</context>
<context>
    <name>ClockAction</name>
    <message>
        <source>Clock &amp;in</source>
        <extracomment>How often the store is asked whether another process committed (milliseconds). Which actions the clock accepts in each state (the domain refuses the others anyway; this is for greying out menu entries and choosing the popup&apos;s one primary button). The popup&apos;s one big button in each state.</extracomment>
        <translation>&amp;Einstempeln</translation>
    </message>
    <message>
        <source>Start &amp;break</source>
        <translation>&amp;Pause beginnen</translation>
    </message>
    <message>
        <source>&amp;End break</source>
        <translation>Pause bee&amp;nden</translation>
    </message>
    <message>
        <source>Clock &amp;out</source>
        <translation>&amp;Ausstempeln</translation>
    </message>
</context>
<context>
    <name>ClockPanel</name>
    <message>
        <source>Time worked in this session</source>
        <extracomment>Space between the tray icon and the popup, in device-independent pixels.</extracomment>
        <translation>In dieser Sitzung gearbeitete Zeit</translation>
    </message>
    <message>
        <source>Upload status</source>
        <translation>Upload-Status</translation>
    </message>
    <message>
        <source>Break: {time}</source>
        <translation>Pause: {time}</translation>
    </message>
    <message>
        <source>Today: {worked} worked · {pause} break</source>
        <translation>Heute: {worked} gearbeitet · {pause} Pause</translation>
    </message>
</context>
<context>
    <name>ClockState</name>
    <message>
        <source>Not clocked in</source>
        <translation>Nicht eingestempelt</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Bei der Arbeit</translation>
    </message>
    <message>
        <source>On a break</source>
        <translation>In der Pause</translation>
    </message>
</context>
<context>
    <name>ClockTray</name>
    <message>
        <source>Your desktop shows no system tray (on GNOME, the AppIndicator extension adds one), so ClockApp runs in this window. Closing it quits ClockApp; your time stays recorded.</source>
        <extracomment>A click on the tray icon that closed the popup (Qt closes popups on outside clicks) must not reopen it at once; within this many seconds the click counts as the closing one.</extracomment>
        <translation>Ihr Desktop zeigt keinen Infobereich (unter GNOME fügt die AppIndicator-Erweiterung einen hinzu), daher läuft ClockApp in diesem Fenster. Wenn Sie es schließen, wird ClockApp beendet; Ihre Zeit bleibt erfasst.</translation>
    </message>
    <message>
        <source>Today&apos;s &amp;timer</source>
        <extracomment>The user chose Quit (or closed the no-tray window).</extracomment>
        <translation>Heutiger &amp;Timer</translation>
    </message>
    <message>
        <source>&amp;Week…</source>
        <translation>&amp;Woche…</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>Jetzt &amp;synchronisieren</translation>
    </message>
    <message>
        <source>Se&amp;ttings…</source>
        <translation>Einste&amp;llungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Uploads are not set up; choose your HR system in Settings….</source>
        <translation>Uploads sind nicht eingerichtet; wählen Sie Ihr HR-System unter Einstellungen….</translation>
    </message>
    <message>
        <source>ClockApp</source>
        <translation>ClockApp</translation>
    </message>
    <message>
        <source>ClockApp — {state}</source>
        <translation>ClockApp — {state}</translation>
    </message>
    <message>
        <source>ClockApp — {state} (in since {time})</source>
        <translation>ClockApp — {state} (eingestempelt seit {time})</translation>
    </message>
    <message>
        <source>Today: {worked} worked</source>
        <translation>Heute: {worked} gearbeitet</translation>
    </message>
</context>
<context>
    <name>ClockWindow</name>
    <message>
        <source>ClockApp</source>
        <extracomment>The user closed the window; with no tray there is nothing left to show, so the app quits.</extracomment>
        <translation>ClockApp</translation>
    </message>
    <message>
        <source>&amp;More</source>
        <translation>&amp;Mehr</translation>
    </message>
    <message>
        <source>More actions</source>
        <translation>Weitere Aktionen</translation>
    </message>
</context>
<context>
    <name>EditDialog</name>
    <message>
        <source>Edit session</source>
        <translation>Sitzung bearbeiten</translation>
    </message>
    <message>
        <source>e.g. 12:00-12:30, 15:00-15:15</source>
        <translation>z. B. 12:00-12:30, 15:00-15:15</translation>
    </message>
    <message>
        <source>&amp;Start:</source>
        <translation>&amp;Beginn:</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Beginn</translation>
    </message>
    <message>
        <source>&amp;End:</source>
        <translation>&amp;Ende:</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Ende</translation>
    </message>
    <message>
        <source>&amp;Breaks:</source>
        <translation>&amp;Pausen:</translation>
    </message>
    <message>
        <source>Breaks</source>
        <translation>Pausen</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Notiz:</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>This day is locked. Unlock it in the week view to change this session.</source>
        <translation>Dieser Tag ist gesperrt. Entsperren Sie ihn in der Wochenansicht, um diese Sitzung zu ändern.</translation>
    </message>
    <message>
        <source>A finished session needs an end.</source>
        <translation>Eine abgeschlossene Sitzung braucht ein Ende.</translation>
    </message>
</context>
<context>
    <name>PresenceController</name>
    <message>
        <source>Clocked out automatically</source>
        <extracomment>How often idle time is asked (milliseconds). Coarse on purpose: an away stretch is 10 min. The record was changed here (an answer, an automatic clock-out).</extracomment>
        <translation>Automatisch ausgestempelt</translation>
    </message>
    <message>
        <source>You were still clocked in after {hours} hours, so ClockApp clocked you out at {end}, your last activity. Please check it in the week view.</source>
        <translation>Sie waren nach {hours} Stunden noch eingestempelt, daher hat ClockApp Sie um {end}, Ihrer letzten Aktivität, ausgestempelt. Bitte prüfen Sie das in der Wochenansicht.</translation>
    </message>
    <message>
        <source>Still clocked in</source>
        <translation>Noch eingestempelt</translation>
    </message>
    <message>
        <source>You have been clocked in for a long time, and ClockApp could not clock you out at {end}: {reason}</source>
        <translation>Sie sind schon lange eingestempelt, und ClockApp konnte Sie nicht um {end} ausstempeln: {reason}</translation>
    </message>
    <message>
        <source>The computer&apos;s clock changed</source>
        <translation>Die Uhr des Computers wurde geändert</translation>
    </message>
    <message>
        <source>The clock was set {direction} by {length}. Your recorded times are unchanged; check the running session if it looks wrong.</source>
        <translation>Die Uhr wurde um {length} {direction}. Ihre erfassten Zeiten bleiben unverändert; prüfen Sie die laufende Sitzung, falls sie falsch aussieht.</translation>
    </message>
    <message>
        <source>forward</source>
        <translation>vorgestellt</translation>
    </message>
    <message>
        <source>back</source>
        <translation>zurückgestellt</translation>
    </message>
    <message>
        <source>The time zone changed</source>
        <translation>Die Zeitzone hat sich geändert</translation>
    </message>
    <message>
        <source>The time zone changed from {before} to {after}. Your recorded times are unchanged; restart ClockApp to see them in the new zone.</source>
        <translation>Die Zeitzone hat sich von {before} zu {after} geändert. Ihre erfassten Zeiten bleiben unverändert; starten Sie ClockApp neu, um sie in der neuen Zone zu sehen.</translation>
    </message>
    <message>
        <source>ClockApp reminder</source>
        <translation>ClockApp-Erinnerung</translation>
    </message>
    <message>
        <source>Nothing was changed</source>
        <translation>Nichts wurde geändert</translation>
    </message>
    <message>
        <source>Kept as work</source>
        <translation>Als Arbeit behalten</translation>
    </message>
    <message>
        <source>The time from {start} to {end} stays recorded as work. You can change it in the week view.</source>
        <translation>Die Zeit von {start} bis {end} bleibt als Arbeit erfasst. Sie können das in der Wochenansicht ändern.</translation>
    </message>
</context>
<context>
    <name>Reminder</name>
    <message>
        <source>It&apos;s past {at} and you haven&apos;t clocked in today.</source>
        <translation>Es ist nach {at} und Sie haben sich heute noch nicht eingestempelt.</translation>
    </message>
    <message>
        <source>It&apos;s past {at} and you are still clocked in.</source>
        <translation>Es ist nach {at} und Sie sind noch eingestempelt.</translation>
    </message>
    <message>
        <source>A {length}-min break is due now (working-time rules).</source>
        <translation>Jetzt ist eine Pause von {length} Min. fällig (Arbeitszeitgesetz).</translation>
    </message>
    <message>
        <source>A {length}-min break is due in {minutes} min.</source>
        <translation>In {minutes} Min. ist eine Pause von {length} Min. fällig.</translation>
    </message>
    <message>
        <source>You have reached the {hours}-hour daily limit.</source>
        <translation>Sie haben die tägliche Höchstarbeitszeit von {hours} Stunden erreicht.</translation>
    </message>
    <message>
        <source>The {hours}-hour daily limit is {minutes} min away.</source>
        <translation>Die tägliche Höchstarbeitszeit von {hours} Stunden ist in {minutes} Min. erreicht.</translation>
    </message>
    <message>
        <source>You have been clocked in for over {hours} hours. Forgot to clock out?</source>
        <translation>Sie sind seit über {hours} Stunden eingestempelt. Ausstempeln vergessen?</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>ClockApp — Settings</source>
        <translation>ClockApp — Einstellungen</translation>
    </message>
    <message>
        <source>Set by your IT department.</source>
        <translation>Von Ihrer IT-Abteilung festgelegt.</translation>
    </message>
    <message>
        <source>HR system</source>
        <translation>HR-System</translation>
    </message>
    <message>
        <source>None — keep sessions on this computer</source>
        <translation>Keins — Sitzungen bleiben auf diesem Computer</translation>
    </message>
    <message>
        <source>Sessions stay on this computer.</source>
        <translation>Sitzungen bleiben auf diesem Computer.</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>API &amp;secret:</source>
        <translation>API-&amp;Geheimnis:</translation>
    </message>
    <message>
        <source>API &amp;token:</source>
        <translation>API-&amp;Token:</translation>
    </message>
    <message>
        <source>Location:</source>
        <translation>Standort:</translation>
    </message>
    <message>
        <source>Working area:</source>
        <translation>Arbeitsbereich:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <source>external id</source>
        <translation>externe ID</translation>
    </message>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>kind of id</source>
        <translation>Art der ID</translation>
    </message>
    <message>
        <source>Test &amp;connection</source>
        <translation>&amp;Verbindung testen</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>Ergebnis des Verbindungstests</translation>
    </message>
    <message>
        <source>Uploads</source>
        <translation>Uploads</translation>
    </message>
    <message>
        <source>No system keyring is available, so API secrets can&apos;t be stored safely.</source>
        <translation>Kein System-Schlüsselbund verfügbar, daher können API-Geheimnisse nicht sicher gespeichert werden.</translation>
    </message>
    <message>
        <source>Target hours per weekday</source>
        <translation>Sollzeit pro Wochentag</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Montag</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Dienstag</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Mittwoch</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Donnerstag</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Freitag</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Samstag</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Sonntag</translation>
    </message>
    <message>
        <source> min</source>
        <translation> Min.</translation>
    </message>
    <message>
        <source> h</source>
        <translation> Std.</translation>
    </message>
    <message>
        <source>Start ClockApp when I log in</source>
        <translation>ClockApp bei der Anmeldung starten</translation>
    </message>
    <message>
        <source>HH:MM, empty for off</source>
        <translation>HH:MM, leer für aus</translation>
    </message>
    <message>
        <source>off</source>
        <translation>aus</translation>
    </message>
    <message>
        <source>Time keeping</source>
        <translation>Zeiterfassung</translation>
    </message>
    <message>
        <source>Ask about time away after:</source>
        <translation>Nach Abwesenheit fragen ab:</translation>
    </message>
    <message>
        <source>Clock out a forgotten session after:</source>
        <translation>Vergessene Sitzung ausstempeln nach:</translation>
    </message>
    <message>
        <source>Remind me if not clocked in by:</source>
        <translation>Erinnern, wenn nicht eingestempelt bis:</translation>
    </message>
    <message>
        <source>Remind me if still clocked in after:</source>
        <translation>Erinnern, wenn noch eingestempelt nach:</translation>
    </message>
    <message>
        <source>Remind me of a due break ahead by:</source>
        <translation>An fällige Pause erinnern, vorher:</translation>
    </message>
    <message>
        <source>Remind me of the 10-hour limit ahead by:</source>
        <translation>An die 10-Stunden-Grenze erinnern, vorher:</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>stored in the keyring — leave empty to keep</source>
        <translation>im Schlüsselbund gespeichert — leer lassen zum Behalten</translation>
    </message>
    <message>
        <source>The connection can&apos;t be tested right now.</source>
        <translation>Die Verbindung kann gerade nicht getestet werden.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Teste…</translation>
    </message>
    <message>
        <source>The system keyring did not answer in time (is it locked?).</source>
        <translation>Der System-Schlüsselbund hat nicht rechtzeitig geantwortet (ist er gesperrt?).</translation>
    </message>
    <message>
        <source>{text} is not a time of day; use HH:MM, like 09:30.</source>
        <translation>{text} ist keine Uhrzeit; bitte HH:MM angeben, z. B. 09:30.</translation>
    </message>
    <message>
        <source>No system keyring is available, so uploads can&apos;t be set up here.</source>
        <translation>Kein System-Schlüsselbund verfügbar, daher können Uploads hier nicht eingerichtet werden.</translation>
    </message>
</context>
<context>
    <name>TrayPopup</name>
    <message>
        <source>ClockApp</source>
        <translation>ClockApp</translation>
    </message>
</context>
<context>
    <name>Uploads</name>
    <message>
        <source>Saved on this device; uploads are not set up.</source>
        <extracomment>How often uploads run on their own (milliseconds): often enough that HR sees the day soon. Why the last run failed as a whole (not a single session&apos;s problem), for the status line.</extracomment>
        <translation>Auf diesem Gerät gespeichert; Uploads sind nicht eingerichtet.</translation>
    </message>
    <message>
        <source>Uploads paused: {reason}</source>
        <translation>Uploads pausiert: {reason}</translation>
    </message>
    <message>
        <source>Uploading…</source>
        <translation>Lade hoch…</translation>
    </message>
    <message>
        <source>Upload failed: {error}</source>
        <translation>Upload fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <source>1 upload needs your attention (see Week…).</source>
        <translation>1 Upload braucht Ihre Aufmerksamkeit (siehe Woche…).</translation>
    </message>
    <message>
        <source>{count} uploads need your attention (see Week…).</source>
        <translation>{count} Uploads brauchen Ihre Aufmerksamkeit (siehe Woche…).</translation>
    </message>
    <message>
        <source>{count} sessions waiting to upload.</source>
        <translation>{count} Sitzungen warten auf den Upload.</translation>
    </message>
    <message>
        <source>1 session waiting to upload.</source>
        <translation>1 Sitzung wartet auf den Upload.</translation>
    </message>
    <message>
        <source>All sessions uploaded.</source>
        <translation>Alle Sitzungen hochgeladen.</translation>
    </message>
    <message>
        <source>Uploads paused</source>
        <extracomment>Something new the user must know: (title, message).</extracomment>
        <translation>Uploads pausiert</translation>
    </message>
    <message>
        <source>Your HR system rejected the credentials: {reason}
Your time is still recorded here. Update the credentials in Settings.</source>
        <translation>Ihr HR-System hat die Zugangsdaten abgelehnt: {reason}
Ihre Zeit wird hier weiter erfasst. Aktualisieren Sie die Zugangsdaten unter Einstellungen.</translation>
    </message>
    <message>
        <source>An upload needs your attention</source>
        <translation>Ein Upload braucht Ihre Aufmerksamkeit</translation>
    </message>
    <message>
        <source>Your HR system refused a session. Open Week… to see what it said.</source>
        <translation>Ihr HR-System hat eine Sitzung abgelehnt. Öffnen Sie Woche…, um die Begründung zu sehen.</translation>
    </message>
</context>
<context>
    <name>WeekWindow</name>
    <message>
        <source>ClockApp — Week</source>
        <extracomment>Store changes (a ``clockapp`` command, the tray) show up within this many milliseconds. The remote entries of the shown week arrived (or failed: see ``remote_note``).</extracomment>
        <translation>ClockApp — Woche</translation>
    </message>
    <message>
        <source>◀ &amp;Previous</source>
        <translation>◀ &amp;Vorherige</translation>
    </message>
    <message>
        <source>T&amp;his week</source>
        <translation>&amp;Diese Woche</translation>
    </message>
    <message>
        <source>&amp;Next ▶</source>
        <translation>&amp;Nächste ▶</translation>
    </message>
    <message>
        <source>Shown week</source>
        <translation>Angezeigte Woche</translation>
    </message>
    <message>
        <source>Days and sessions of the week</source>
        <translation>Tage und Sitzungen der Woche</translation>
    </message>
    <message>
        <source>Day / session</source>
        <translation>Tag / Sitzung</translation>
    </message>
    <message>
        <source>Worked</source>
        <translation>Gearbeitet</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Soll</translation>
    </message>
    <message>
        <source>Against target</source>
        <translation>Im Vergleich zum Soll</translation>
    </message>
    <message>
        <source>Upload / origin</source>
        <translation>Upload / Herkunft</translation>
    </message>
    <message>
        <source>Week totals</source>
        <translation>Wochensummen</translation>
    </message>
    <message>
        <source>Working-time rules</source>
        <translation>Arbeitszeitregeln</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>&amp;Lock day</source>
        <translation>Tag &amp;sperren</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>CSV e&amp;xportieren…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>Schl&amp;ießen</translation>
    </message>
    <message>
        <source>Week {number}: {first} – {last}</source>
        <translation>KW {number}: {first} – {last}</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>gesperrt</translation>
    </message>
    <message>
        <source>{time} overtime</source>
        <translation>{time} Überstunden</translation>
    </message>
    <message>
        <source>{time} remaining</source>
        <translation>{time} verbleibend</translation>
    </message>
    <message>
        <source>Week: {worked} worked of {target} · {balance}</source>
        <translation>Woche: {worked} von {target} gearbeitet · {balance}</translation>
    </message>
    <message>
        <source>No working-time rule is broken this week.</source>
        <translation>Diese Woche ist keine Arbeitszeitregel verletzt.</translation>
    </message>
    <message>
        <source>{day}: {worked} worked without enough break; {required} min are required after {hours} hours, in breaks of 15 min or more.</source>
        <translation>{day}: {worked} gearbeitet ohne ausreichende Pause; nach {hours} Stunden sind {required} Min. Pause vorgeschrieben, in Abschnitten von mindestens 15 Min.</translation>
    </message>
    <message>
        <source>{day}: {worked} worked; at most 10 hours of work a day are allowed.</source>
        <translation>{day}: {worked} gearbeitet; höchstens 10 Stunden Arbeit am Tag sind erlaubt.</translation>
    </message>
    <message>
        <source>{day}: work started after less than 11 hours of rest since the last working day.</source>
        <translation>{day}: Arbeitsbeginn nach weniger als 11 Stunden Ruhezeit seit dem letzten Arbeitstag.</translation>
    </message>
    <message>
        <source>{start} – running</source>
        <translation>{start} – läuft</translation>
    </message>
    <message>
        <source>made elsewhere</source>
        <translation>anderswo erfasst</translation>
    </message>
    <message>
        <source>on this device</source>
        <translation>auf diesem Gerät</translation>
    </message>
    <message>
        <source>saved on this device</source>
        <translation>auf diesem Gerät gespeichert</translation>
    </message>
    <message>
        <source>uploading</source>
        <translation>wird hochgeladen</translation>
    </message>
    <message>
        <source>uploaded</source>
        <translation>hochgeladen</translation>
    </message>
    <message>
        <source>waiting to retry</source>
        <translation>wartet auf neuen Versuch</translation>
    </message>
    <message>
        <source>needs attention</source>
        <translation>braucht Aufmerksamkeit</translation>
    </message>
    <message>
        <source>uploads paused</source>
        <translation>Uploads pausiert</translation>
    </message>
    <message>
        <source>Worked against target</source>
        <translation>Gearbeitet im Vergleich zum Soll</translation>
    </message>
    <message>
        <source>Fetching entries made elsewhere…</source>
        <translation>Hole anderswo erfasste Einträge…</translation>
    </message>
    <message>
        <source>Entries made elsewhere couldn&apos;t be fetched: {why}</source>
        <translation>Anderswo erfasste Einträge konnten nicht geholt werden: {why}</translation>
    </message>
    <message>
        <source>1 entry made elsewhere is counted above.</source>
        <translation>1 anderswo erfasster Eintrag ist oben mitgezählt.</translation>
    </message>
    <message>
        <source>{count} entries made elsewhere are counted above.</source>
        <translation>{count} anderswo erfasste Einträge sind oben mitgezählt.</translation>
    </message>
    <message>
        <source>Un&amp;lock day</source>
        <translation>Tag ent&amp;sperren</translation>
    </message>
    <message>
        <source>Delete session</source>
        <translation>Sitzung löschen</translation>
    </message>
    <message>
        <source>Delete the session {span} on {day}? This can&apos;t be undone.</source>
        <translation>Die Sitzung {span} am {day} löschen? Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Export the week as CSV</source>
        <translation>Woche als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>The export failed: {why}</source>
        <translation>Der Export ist fehlgeschlagen: {why}</translation>
    </message>
    <message>
        <source>Exported to {path}.</source>
        <translation>Exportiert nach {path}.</translation>
    </message>
</context>
</TS>
