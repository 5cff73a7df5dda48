<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Absence</name>
    <message>
        <source>Vacation</source>
        <translation>Urlaub</translation>
    </message>
    <message>
        <source>Sick</source>
        <translation>Krank</translation>
    </message>
    <message>
        <source>Time off (balance)</source>
        <translation>Freizeitausgleich</translation>
    </message>
    <message>
        <source>Special leave</source>
        <translation>Sonderurlaub</translation>
    </message>
    <message>
        <source>{kind} (half day)</source>
        <translation>{kind} (halber Tag)</translation>
    </message>
</context>
<context>
    <name>AbsenceDialog</name>
    <message>
        <source>Mark as absent</source>
        <translation>Abwesenheit eintragen</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>Kind of absence</source>
        <translation>Art der Abwesenheit</translation>
    </message>
    <message>
        <source>&amp;Half day</source>
        <translation>&amp;Halber Tag</translation>
    </message>
    <message>
        <source>A half day can be marked on one day at a time.</source>
        <translation>Ein halber Tag lässt sich nur für einen einzelnen Tag eintragen.</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Days:</source>
        <translation>Tage:</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Art:</translation>
    </message>
    <message>
        <source>N&amp;ote:</source>
        <translation>N&amp;otiz:</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>ClockApp is already running; showing it.</source>
        <extracomment>Set to 1 to print JSON lines about the tray, popup and menu geometry on stdout (the end-to-end test clicks by them; the benchmark times the first one). What only matters once the icon is there (the minute beat and the store watch, asyncio, the idle watch, focus frames, answering a second start) begins this long after the tray shows (milliseconds): the icon comes first. The upload stack (keyring, httpx, TLS) loads this long after the tray shows (milliseconds): the icon is there first, uploads follow a moment later. When to give back what starting left behind (milliseconds): after the first upload. How often the presence watch looks at idle time (seconds): on the live clock&apos;s minute beat.</extracomment>
        <translation>ClockApp läuft bereits; es wird angezeigt.</translation>
    </message>
    <message>
        <source>ClockApp is already running but does not answer; try again in a moment.</source>
        <translation>ClockApp läuft bereits, antwortet aber nicht; bitte gleich noch einmal versuchen.</translation>
    </message>
</context>
<context>
    <name>AtTime</name>
    <message>
        <source>&amp;Clock in at…</source>
        <translation>Einstempeln &amp;um…</translation>
    </message>
    <message>
        <source>Sta&amp;rt break at…</source>
        <translation>Pause be&amp;ginnen um…</translation>
    </message>
    <message>
        <source>E&amp;nd break at…</source>
        <translation>Pause been&amp;den um…</translation>
    </message>
    <message>
        <source>Cloc&amp;k out at…</source>
        <translation>Ausstempeln u&amp;m…</translation>
    </message>
    <message>
        <source>When did you start work?</source>
        <translation>Wann haben Sie mit der Arbeit begonnen?</translation>
    </message>
    <message>
        <source>When did your break start?</source>
        <translation>Wann hat Ihre Pause begonnen?</translation>
    </message>
    <message>
        <source>When did your break end?</source>
        <translation>Wann hat Ihre Pause geendet?</translation>
    </message>
    <message>
        <source>When did you stop work?</source>
        <translation>Wann haben Sie die Arbeit beendet?</translation>
    </message>
    <message>
        <source>From {earliest} until now ({now}).</source>
        <translation>Von {earliest} bis jetzt ({now}).</translation>
    </message>
</context>
<context>
    <name>AwayPrompt</name>
    <message>
        <source>ddd d MMM</source>
        <translation>ddd d. MMM</translation>
    </message>
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
        <source>Were you working?</source>
        <extracomment>The person&apos;s answer (an ``AwayAnswer``); emitted once, also for a dismissal.</extracomment>
        <translation>Haben Sie gearbeitet?</translation>
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
    <name>BreakRow</name>
    <message>
        <source>Break start</source>
        <translation>Pausenbeginn</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>Break end</source>
        <translation>Pausenende</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove this break</source>
        <translation>Diese Pause entfernen</translation>
    </message>
    <message>
        <source>counts toward the legal break</source>
        <translation>zählt zur gesetzlichen Pause</translation>
    </message>
    <message>
        <source>doesn&apos;t count (under {minutes} min)</source>
        <translation>zählt nicht (unter {minutes} Min.)</translation>
    </message>
    <message>
        <source>still running</source>
        <translation>läuft noch</translation>
    </message>
</context>
<context>
    <name>ClockAction</name>
    <message>
        <source>Clock &amp;in</source>
        <extracomment>How long after a clock action the popup offers to undo it. Which actions the clock accepts in each state (the domain refuses the others anyway; this is for greying out menu entries and choosing the popup&apos;s one primary button). The popup&apos;s one big button in each state.</extracomment>
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
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>Undo the last clock action</source>
        <translation>Die letzte Stempelung rückgängig machen</translation>
    </message>
    <message>
        <source>&amp;Discard this session…</source>
        <translation>S&amp;itzung verwerfen…</translation>
    </message>
    <message>
        <source>More clock actions</source>
        <translation>Weitere Stempelaktionen</translation>
    </message>
    <message>
        <source>Clock in, out or take a break at another time</source>
        <translation>Zu einer anderen Zeit ein- oder ausstempeln oder Pause machen</translation>
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
    <message>
        <source>Balance until yesterday: {time}</source>
        <translation>Zeitkonto bis gestern: {time}</translation>
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
        <source>&amp;Month…</source>
        <translation>&amp;Monat…</translation>
    </message>
    <message>
        <source>&amp;Add forgotten time…</source>
        <translation>&amp;Vergessene Zeit nachtragen…</translation>
    </message>
    <message>
        <source>&amp;Discard this session…</source>
        <translation>S&amp;itzung verwerfen…</translation>
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
        <source>A manager has confirmed this day; they will see the removal as a change.</source>
        <translation>Eine Führungskraft hat diesen Tag bestätigt; sie sieht das Entfernen als Änderung.</translation>
    </message>
    <message>
        <source>Discard this session?</source>
        <translation>Diese Sitzung verwerfen?</translation>
    </message>
    <message>
        <source>The session begun at {time} will be removed as if you had never clocked in; only its history keeps a note of it.</source>
        <translation>Die um {time} begonnene Sitzung wird entfernt, als hätten Sie nie eingestempelt; nur ihr Verlauf hält sie fest.</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Verwerfen</translation>
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
        <source>{state} since {time} · {timer}</source>
        <translation>{state} seit {time} · {timer}</translation>
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
        <source>No system tray: ClockApp runs in this window.</source>
        <translation>Kein Infobereich: ClockApp läuft in diesem Fenster.</translation>
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
        <source>Add time</source>
        <translation>Zeit nachtragen</translation>
    </message>
    <message>
        <source>Edit session</source>
        <translation>Sitzung bearbeiten</translation>
    </message>
    <message>
        <source>kept in the session&apos;s history</source>
        <translation>wird im Verlauf vermerkt</translation>
    </message>
    <message>
        <source>&amp;Start:</source>
        <translation>&amp;Beginn:</translation>
    </message>
    <message>
        <source>&amp;End:</source>
        <translation>&amp;Ende:</translation>
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
        <source>&amp;Reason:</source>
        <translation>Be&amp;gründung:</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <source>Start date</source>
        <extracomment>The question asked before saving on a day a manager has confirmed.</extracomment>
        <translation>Beginndatum</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>Beginnzeit</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>Enddatum</translation>
    </message>
    <message>
        <source>End time</source>
        <translation>Endzeit</translation>
    </message>
    <message>
        <source>&amp;Add break</source>
        <translation>Pause &amp;hinzufügen</translation>
    </message>
    <message>
        <source>required by your organisation; kept in the session&apos;s history</source>
        <translation>von Ihrer Organisation verlangt; wird im Verlauf vermerkt</translation>
    </message>
    <message>
        <source>still running (clock out to end it)</source>
        <translation>läuft noch (zum Beenden ausstempeln)</translation>
    </message>
    <message>
        <source>End:</source>
        <translation>Ende:</translation>
    </message>
    <message>
        <source>Breaks:</source>
        <translation>Pausen:</translation>
    </message>
    <message>
        <source>&amp;Reason (required):</source>
        <translation>Be&amp;gründung (Pflicht):</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>This day is locked. Unlock it in the week view to add time to it.</source>
        <translation>Dieser Tag ist gesperrt. Entsperren Sie ihn in der Wochenansicht, um Zeit hinzuzufügen.</translation>
    </message>
    <message>
        <source>This day is locked. Unlock it in the week view to change this session.</source>
        <translation>Dieser Tag ist gesperrt. Entsperren Sie ihn in der Wochenansicht, um diese Sitzung zu ändern.</translation>
    </message>
    <message>
        <source>This session: {worked} worked, {breaks} on break.</source>
        <translation>Diese Sitzung: {worked} gearbeitet, {breaks} Pause.</translation>
    </message>
    <message>
        <source>{day}: {worked} of {target} worked; breaks that count: {counted}</source>
        <translation>{day}: {worked} von {target} gearbeitet; zählende Pausen: {counted}</translation>
    </message>
    <message>
        <source>(before: {worked})</source>
        <translation>(vorher: {worked})</translation>
    </message>
    <message>
        <source>No longer broken: {rule}</source>
        <translation>Nicht mehr verletzt: {rule}</translation>
    </message>
    <message>
        <source>Change a confirmed day?</source>
        <translation>Bestätigten Tag ändern?</translation>
    </message>
    <message>
        <source>A manager has confirmed {day}. If you save, they will see the change. Save anyway?</source>
        <translation>Eine Führungskraft hat {day} bestätigt. Wenn Sie speichern, sieht sie die Änderung. Trotzdem speichern?</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>The disk is full; free some space and try again.</source>
        <translation>Der Datenträger ist voll; geben Sie Speicherplatz frei und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>ClockApp may not write there.</source>
        <translation>ClockApp darf dort nicht schreiben.</translation>
    </message>
    <message>
        <source>Something unexpected went wrong; the details are in ClockApp&apos;s log.</source>
        <translation>Etwas Unerwartetes ist schiefgegangen; die Einzelheiten stehen im Protokoll von ClockApp.</translation>
    </message>
</context>
<context>
    <name>MonthSheet</name>
    <message>
        <source>{sign}{hours}:{minutes:02d} h</source>
        <translation>{sign}{hours}:{minutes:02d} Std.</translation>
    </message>
    <message>
        <source>less than 30 min break after 6 hours of work</source>
        <translation>weniger als 30 Min. Pause nach 6 Stunden Arbeit</translation>
    </message>
    <message>
        <source>less than 45 min break after 9 hours of work</source>
        <translation>weniger als 45 Min. Pause nach 9 Stunden Arbeit</translation>
    </message>
    <message>
        <source>more than 10 hours of work</source>
        <translation>mehr als 10 Stunden Arbeit</translation>
    </message>
    <message>
        <source>less than 11 hours of rest before work</source>
        <translation>weniger als 11 Stunden Ruhezeit vor Arbeitsbeginn</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Start–end</source>
        <translation>Beginn–Ende</translation>
    </message>
    <message>
        <source>Breaks</source>
        <translation>Pausen</translation>
    </message>
    <message>
        <source>Worked</source>
        <translation>Gearbeitet</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Soll</translation>
    </message>
    <message>
        <source>Holiday / absence</source>
        <translation>Feiertag / Abwesenheit</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Working-time rules broken</source>
        <translation>Verstöße gegen das Arbeitszeitgesetz</translation>
    </message>
    <message>
        <source>No working-time rule is broken this month.</source>
        <translation>In diesem Monat wurde keine Arbeitszeitregel verletzt.</translation>
    </message>
    <message>
        <source>Date, signature of the employee</source>
        <translation>Datum, Unterschrift Mitarbeiter/in</translation>
    </message>
    <message>
        <source>Date, signature of the manager</source>
        <translation>Datum, Unterschrift Vorgesetzte/r</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Differenz</translation>
    </message>
    <message>
        <source>Balance carried in</source>
        <translation>Übertrag aus dem Vormonat</translation>
    </message>
    <message>
        <source>Balance carried out</source>
        <translation>Übertrag in den Folgemonat</translation>
    </message>
    <message>
        <source>Vacation days {year}</source>
        <translation>Urlaubstage {year}</translation>
    </message>
    <message>
        <source>{entitled} entitled, {taken} taken, {planned} planned, {left} left</source>
        <translation>{entitled} Anspruch, {taken} genommen, {planned} geplant, {left} übrig</translation>
    </message>
    <message>
        <source>Timesheet</source>
        <translation>Stundenzettel</translation>
    </message>
</context>
<context>
    <name>MonthWindow</name>
    <message>
        <source>Month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <source>◀ &amp;Previous</source>
        <translation>◀ &amp;Vorheriger</translation>
    </message>
    <message>
        <source>T&amp;his month</source>
        <translation>&amp;Dieser Monat</translation>
    </message>
    <message>
        <source>&amp;Next ▶</source>
        <translation>&amp;Nächster ▶</translation>
    </message>
    <message>
        <source>Shown month</source>
        <translation>Angezeigter Monat</translation>
    </message>
    <message>
        <source>Days of the month</source>
        <translation>Tage des Monats</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Start–end</source>
        <translation>Beginn–Ende</translation>
    </message>
    <message>
        <source>Worked</source>
        <translation>Gearbeitet</translation>
    </message>
    <message>
        <source>Breaks</source>
        <translation>Pausen</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Soll</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Differenz</translation>
    </message>
    <message>
        <source>Holiday / absence</source>
        <translation>Feiertag / Abwesenheit</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>Month totals</source>
        <translation>Monatssummen</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Zeitkonto</translation>
    </message>
    <message>
        <source>Vacation days</source>
        <translation>Urlaubstage</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Print / save as P&amp;DF…</source>
        <translation>Drucken / als PDF &amp;speichern…</translation>
    </message>
    <message>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>Schl&amp;ießen</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>Month: {worked} worked of {target} ({difference}) · {workdays} workdays of {workday}</source>
        <translation>Monat: {worked} gearbeitet von {target} Soll ({difference}) · {workdays} Arbeitstage zu {workday}</translation>
    </message>
    <message>
        <source>Balance carried in: {start} · until yesterday: {end}</source>
        <translation>Übertrag aus dem Vormonat: {start} · bis gestern: {end}</translation>
    </message>
    <message>
        <source>Balance carried in: {start} · carried out: {end}</source>
        <translation>Übertrag aus dem Vormonat: {start} · in den Folgemonat: {end}</translation>
    </message>
    <message>
        <source>Vacation days {year}: {line}</source>
        <translation>Urlaubstage {year}: {line}</translation>
    </message>
    <message>
        <source>Public holidays are not counted: choose your region in Settings.</source>
        <translation>Feiertage werden nicht berücksichtigt: Wählen Sie Ihre Region in den Einstellungen.</translation>
    </message>
    <message>
        <source>Public holidays are not counted: ClockApp knows no region {region}; choose one in Settings.</source>
        <translation>Feiertage werden nicht berücksichtigt: ClockApp kennt keine Region {region}; wählen Sie eine in den Einstellungen.</translation>
    </message>
    <message>
        <source>timesheet-{month}.pdf</source>
        <translation>stundenzettel-{month}.pdf</translation>
    </message>
    <message>
        <source>Save the timesheet as PDF</source>
        <translation>Stundenzettel als PDF speichern</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <source>The PDF couldn&apos;t be saved: {why}</source>
        <translation>Das PDF konnte nicht gespeichert werden: {why}</translation>
    </message>
    <message>
        <source>Saved the timesheet to {path}.</source>
        <translation>Stundenzettel gespeichert unter {path}.</translation>
    </message>
    <message>
        <source>Excel (CSV) (*.csv)</source>
        <translation>Excel (CSV) (*.csv)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON-Dateien (*.json)</translation>
    </message>
    <message>
        <source>Export the month</source>
        <translation>Monat exportieren</translation>
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
    <name>QuitPrompt</name>
    <message>
        <source>Quit ClockApp?</source>
        <extracomment>The quit question on screen, if any: one at a time (and kept alive while it is open).</extracomment>
        <translation>ClockApp beenden?</translation>
    </message>
    <message>
        <source>You are still clocked in. Your session stays open and keeps running after ClockApp quits; clock out first if your work is done.</source>
        <translation>Sie sind noch eingestempelt. Ihre Sitzung bleibt offen und läuft weiter, wenn ClockApp beendet ist; stempeln Sie zuerst aus, wenn Ihre Arbeit getan ist.</translation>
    </message>
    <message>
        <source>&amp;Quit, keep the session running</source>
        <translation>&amp;Beenden, Sitzung läuft weiter</translation>
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
        <source>Your shift starts at {at} (in {minutes} min).</source>
        <translation>Ihre Schicht beginnt um {at} (in {minutes} Min.).</translation>
    </message>
    <message>
        <source>Your shift started at {at} and you haven&apos;t clocked in.</source>
        <translation>Ihre Schicht hat um {at} begonnen, und Sie haben noch nicht eingestempelt.</translation>
    </message>
    <message>
        <source>Your shift ended at {at} and you are still clocked in.</source>
        <translation>Ihre Schicht endete um {at}, und Sie sind noch eingestempelt.</translation>
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
    <name>RepeatedHourChoice</name>
    <message>
        <source>Which one (the clocks were put back)</source>
        <translation>Welches Mal (die Uhren wurden zurückgestellt)</translation>
    </message>
    <message>
        <source>{time} summer time ({zone}, first)</source>
        <translation>{time} Sommerzeit ({zone}, erstes Mal)</translation>
    </message>
    <message>
        <source>{time} winter time ({zone}, second)</source>
        <translation>{time} Winterzeit ({zone}, zweites Mal)</translation>
    </message>
    <message>
        <source>{time} ({zone}, first)</source>
        <translation>{time} ({zone}, erstes Mal)</translation>
    </message>
    <message>
        <source>{time} ({zone}, second)</source>
        <translation>{time} ({zone}, zweites Mal)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <extracomment>What a destination would receive now (``SyncService.preview``), to say before saving.</extracomment>
        <translation>Einstellungen</translation>
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
        <source>What will be uploaded</source>
        <translation>Was hochgeladen wird</translation>
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
        <source>Public holidays of</source>
        <translation>Feiertage von</translation>
    </message>
    <message>
        <source>Whose public holidays have no target hours</source>
        <translation>An den Feiertagen dieser Region gibt es keine Sollstunden</translation>
    </message>
    <message>
        <source>None — no public holidays</source>
        <translation>Keine – Feiertage nicht berücksichtigen</translation>
    </message>
    <message>
        <source>Germany (nationwide only)</source>
        <translation>Deutschland (nur bundesweite)</translation>
    </message>
    <message>
        <source>Public holidays:</source>
        <translation>Feiertage:</translation>
    </message>
    <message>
        <source>Targets from my planned shifts</source>
        <translation>Soll aus meinen geplanten Schichten</translation>
    </message>
    <message>
        <source>With a Papershift shift plan: a day&apos;s target is the time of your planned shifts that day, and a day without a shift has none.</source>
        <translation>Mit einem Papershift-Schichtplan: Das Soll eines Tages ist die Zeit Ihrer an dem Tag geplanten Schichten; ein Tag ohne Schicht hat keines.</translation>
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
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Start ClockApp when I log in</source>
        <extracomment>The whole-number settings on this form, each editor built from its declaration.</extracomment>
        <translation>ClockApp bei der Anmeldung starten</translation>
    </message>
    <message>
        <source>HH:MM</source>
        <translation>HH:MM</translation>
    </message>
    <message>
        <source>A time of day like 09:30; leave empty for no reminder.</source>
        <translation>Eine Uhrzeit wie 09:30; leer lassen für keine Erinnerung.</translation>
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
        <source>Remind me of a planned shift ahead by:</source>
        <translation>An eine geplante Schicht erinnern, vorab:</translation>
    </message>
    <message>
        <source>Remind me if not clocked in, this long into a shift:</source>
        <translation>Erinnern, wenn nicht eingestempelt, nach Schichtbeginn:</translation>
    </message>
    <message>
        <source>Remind me if still clocked in, this long after a shift:</source>
        <translation>Erinnern, wenn noch eingestempelt, nach Schichtende:</translation>
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
        <source>{count} session(s) since {date} will be uploaded to {where}.</source>
        <translation>{count} Sitzung(en) seit {date} werden zu {where} hochgeladen.</translation>
    </message>
    <message>
        <source>Nothing is waiting to be uploaded to {where}.</source>
        <translation>Nichts wartet darauf, zu {where} hochgeladen zu werden.</translation>
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
        <source>Connected to {service} at {address}.</source>
        <translation>Verbunden mit {service} unter {address}.</translation>
    </message>
    <message>
        <source>The system keyring did not answer in time (is it locked?).</source>
        <translation>Der System-Schlüsselbund hat nicht rechtzeitig geantwortet (ist er gesperrt?).</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tage</translation>
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
        <extracomment>Why the last run failed as a whole (not a single session&apos;s problem), for the status line. Why the first waiting session waits (the sync layer&apos;s error) and when it is tried again.</extracomment>
        <translation>Auf diesem Gerät gespeichert; Uploads sind nicht eingerichtet.</translation>
    </message>
    <message>
        <source>Uploads paused: {reason}</source>
        <translation>Uploads pausiert: {reason}</translation>
    </message>
    <message>
        <source>TimeTrack at {url} as {user}</source>
        <extracomment>A run that left work due at once (the keyring or the backend could not be opened, the shift plan could not be read) waits this long before trying again on its own (seconds). The longest single wait (seconds): a timer counts no time while the computer sleeps.</extracomment>
        <translation>TimeTrack unter {url} als {user}</translation>
    </message>
    <message>
        <source>user {id}</source>
        <translation>Benutzer {id}</translation>
    </message>
    <message>
        <source>location {id}</source>
        <translation>Standort {id}</translation>
    </message>
    <message>
        <source>working area {id}</source>
        <translation>Arbeitsbereich {id}</translation>
    </message>
    <message>
        <source>Papershift at {url} ({who})</source>
        <translation>Papershift unter {url} ({who})</translation>
    </message>
    <message>
        <source>on this device</source>
        <translation>auf diesem Gerät</translation>
    </message>
    <message>
        <source>waiting, next try {time}</source>
        <translation>wartet, nächster Versuch {time}</translation>
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
        <source>waiting to upload</source>
        <translation>wartet auf Upload</translation>
    </message>
    <message>
        <source>needs your attention</source>
        <translation>braucht Ihre Aufmerksamkeit</translation>
    </message>
    <message>
        <source>uploads paused</source>
        <translation>Uploads pausiert</translation>
    </message>
    <message>
        <source>uploaded, checking for a duplicate</source>
        <translation>hochgeladen, Prüfung auf Doppeleintrag</translation>
    </message>
    <message>
        <source>{reason}
Your time is still recorded here. Update the credentials in Settings.</source>
        <translation>{reason}
Ihre Zeit wird hier weiter erfasst. Aktualisieren Sie die Zugangsdaten in den Einstellungen.</translation>
    </message>
    <message>
        <source>Waiting to upload.</source>
        <translation>Wartet auf Upload.</translation>
    </message>
    <message>
        <source>Uploaded. An earlier try whose answer was lost may still be stored late; ClockApp removes such a second copy and checks until {time}.</source>
        <translation>Hochgeladen. Ein früherer Versuch ohne Antwort könnte noch verspätet gespeichert werden; ClockApp entfernt eine solche zweite Kopie und prüft bis {time}.</translation>
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
        <source>Not uploaded yet. {reason} ClockApp tries again at {time}.</source>
        <translation>Noch nicht hochgeladen. {reason} ClockApp versucht es um {time} erneut.</translation>
    </message>
    <message>
        <source>Your HR system refused this session. {reason} Correct it (Edit…) and it is sent again.</source>
        <translation>Ihr Personalsystem hat diese Sitzung abgelehnt. {reason} Korrigieren Sie sie (Bearbeiten…), dann wird sie erneut gesendet.</translation>
    </message>
    <message>
        <source>It gave no reason.</source>
        <translation>Es hat keinen Grund genannt.</translation>
    </message>
    <message>
        <source>1 session not uploaded yet. {reason} Next try at {time}.</source>
        <translation>1 Sitzung noch nicht hochgeladen. {reason} Nächster Versuch um {time}.</translation>
    </message>
    <message>
        <source>{count} sessions not uploaded yet. {reason} Next try at {time}.</source>
        <translation>{count} Sitzungen noch nicht hochgeladen. {reason} Nächster Versuch um {time}.</translation>
    </message>
    <message>
        <source>All sessions uploaded; {count} checked for a late duplicate.</source>
        <translation>Alle Sitzungen hochgeladen; {count} werden auf einen verspäteten Doppeleintrag geprüft.</translation>
    </message>
    <message>
        <source>All sessions uploaded.</source>
        <translation>Alle Sitzungen hochgeladen.</translation>
    </message>
    <message>
        <source>Sync now</source>
        <extracomment>Something new the user must know: (title, message).</extracomment>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Uploads paused</source>
        <translation>Uploads pausiert</translation>
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
    <name>UserError</name>
    <message>
        <source>{text} is not valid text (UTF-8); nothing was changed.</source>
        <translation>{text} ist kein gültiger Text (UTF-8); nichts wurde geändert.</translation>
    </message>
    <message>
        <source>Give either --month or --from and --to, not both.</source>
        <translation>Geben Sie entweder --month oder --from und --to an, nicht beides.</translation>
    </message>
    <message>
        <source>Say what to export: --from DATE --to DATE, or --month YYYY-MM.</source>
        <translation>Sagen Sie, was exportiert werden soll: --from DATUM --to DATUM oder --month JJJJ-MM.</translation>
    </message>
    <message>
        <source>{value!r} is not a whole number of {what}.</source>
        <translation>{value!r} ist keine ganze Zahl ({what}).</translation>
    </message>
    <message>
        <source>{value!r} is not a month; give it as YYYY-MM, e.g. 2026-11.</source>
        <translation>{value!r} ist kein Monat; bitte als JJJJ-MM angeben, z. B. 2026-11.</translation>
    </message>
    <message>
        <source>{year} is not a year ClockApp can list holidays for.</source>
        <translation>Für das Jahr {year} kann ClockApp keine Feiertage auflisten.</translation>
    </message>
    <message>
        <source>Expected {count} line(s) on standard input: {names}.</source>
        <translation>Erwartet wurden {count} Zeile(n) auf der Standardeingabe: {names}.</translation>
    </message>
    <message>
        <source>No backend is set up; see &apos;clockapp backend set --help&apos;.</source>
        <translation>Es ist kein HR-System eingerichtet; siehe „clockapp backend set --help“.</translation>
    </message>
    <message>
        <source>The remote entries could not be fetched: {reason}</source>
        <translation>Die Einträge aus dem HR-System konnten nicht abgerufen werden: {reason}</translation>
    </message>
    <message>
        <source>Give either --break or --no-breaks, not both.</source>
        <translation>Geben Sie entweder --break oder --no-breaks an, nicht beides.</translation>
    </message>
    <message>
        <source>Nothing to change: give --start, --end, --break, --no-breaks or --note.</source>
        <translation>Nichts zu ändern: Geben Sie --start, --end, --break, --no-breaks oder --note an.</translation>
    </message>
    <message>
        <source>Can&apos;t write {path}: {reason}.</source>
        <translation>{path} kann nicht geschrieben werden: {reason}.</translation>
    </message>
    <message>
        <source>That time is in the future.</source>
        <translation>Diese Zeit liegt in der Zukunft.</translation>
    </message>
    <message>
        <source>That time is before your previous clock event; events must follow each other in time.</source>
        <translation>Diese Zeit liegt vor Ihrer vorigen Stempelung; Stempelungen müssen zeitlich aufeinander folgen.</translation>
    </message>
    <message>
        <source>You are already clocked in.</source>
        <translation>Sie sind bereits eingestempelt.</translation>
    </message>
    <message>
        <source>You can&apos;t start a break: you are not clocked in.</source>
        <translation>Sie können keine Pause beginnen: Sie sind nicht eingestempelt.</translation>
    </message>
    <message>
        <source>You are already on a break.</source>
        <translation>Sie sind bereits in der Pause.</translation>
    </message>
    <message>
        <source>You can&apos;t end a break: you are not clocked in.</source>
        <translation>Sie können keine Pause beenden: Sie sind nicht eingestempelt.</translation>
    </message>
    <message>
        <source>You are not on a break.</source>
        <translation>Sie sind nicht in der Pause.</translation>
    </message>
    <message>
        <source>You can&apos;t clock out: you are not clocked in.</source>
        <translation>Sie können nicht ausstempeln: Sie sind nicht eingestempelt.</translation>
    </message>
    <message>
        <source>Clocking out at the moment you clocked in would record no work.</source>
        <translation>Ausstempeln im Moment des Einstempelns würde keine Arbeit erfassen.</translation>
    </message>
    <message>
        <source>The start {start} is in the future.</source>
        <translation>Der Beginn {start} liegt in der Zukunft.</translation>
    </message>
    <message>
        <source>The end must come after the start.</source>
        <translation>Das Ende muss nach dem Beginn liegen.</translation>
    </message>
    <message>
        <source>The end {end} is in the future.</source>
        <translation>Das Ende {end} liegt in der Zukunft.</translation>
    </message>
    <message>
        <source>A session can&apos;t be longer than 24 hours; give the time you really stopped.</source>
        <translation>Eine Sitzung kann nicht länger als 24 Stunden sein; geben Sie an, wann Sie wirklich aufgehört haben.</translation>
    </message>
    <message>
        <source>Only the last break of a running session can still be running.</source>
        <translation>Nur die letzte Pause einer laufenden Sitzung kann noch laufen.</translation>
    </message>
    <message>
        <source>A break must end after it starts.</source>
        <translation>Eine Pause muss nach ihrem Beginn enden.</translation>
    </message>
    <message>
        <source>The break from {at} lies outside the session ({start} to now).</source>
        <translation>Die Pause ab {at} liegt außerhalb der Sitzung ({start} bis jetzt).</translation>
    </message>
    <message>
        <source>The break from {at} lies outside the session ({start} to {end}).</source>
        <translation>Die Pause ab {at} liegt außerhalb der Sitzung ({start} bis {end}).</translation>
    </message>
    <message>
        <source>A break can&apos;t end in the future.</source>
        <translation>Eine Pause kann nicht in der Zukunft enden.</translation>
    </message>
    <message>
        <source>Breaks can&apos;t overlap each other.</source>
        <translation>Pausen dürfen sich nicht überschneiden.</translation>
    </message>
    <message>
        <source>This overlaps the session from {start} to now (still running).</source>
        <translation>Das überschneidet sich mit der Sitzung von {start} bis jetzt (läuft noch).</translation>
    </message>
    <message>
        <source>This overlaps the session from {start} to {end}.</source>
        <translation>Das überschneidet sich mit der Sitzung von {start} bis {end}.</translation>
    </message>
    <message>
        <source>{kind!r} is not a kind of absence; use vacation, sick, comp_time or other.</source>
        <translation>{kind!r} ist keine Art von Abwesenheit; möglich sind vacation (Urlaub), sick (krank), comp_time (Freizeitausgleich) oder other (Sonderurlaub).</translation>
    </message>
    <message>
        <source>The absence ends on {last}, before it starts on {first}.</source>
        <translation>Die Abwesenheit endet am {last}, vor ihrem Beginn am {first}.</translation>
    </message>
    <message>
        <source>A half-day absence is one day; give only its date with --half, not a range.</source>
        <translation>Eine halbtägige Abwesenheit ist ein einzelner Tag; mit --half bitte nur ein Datum angeben, keinen Zeitraum.</translation>
    </message>
    <message>
        <source>The target for {day} must be a whole number of minutes, not {value!r}.</source>
        <translation>Die Sollzeit für {day} muss eine ganze Zahl von Minuten sein, nicht {value!r}.</translation>
    </message>
    <message>
        <source>The target for {day} must be between 0 and {most} minutes (24 hours); {value} is not.</source>
        <translation>Die Sollzeit für {day} muss zwischen 0 und {most} Minuten (24 Stunden) liegen; {value} tut das nicht.</translation>
    </message>
    <message>
        <source>Unknown time zone {zone!r}.</source>
        <translation>Unbekannte Zeitzone {zone!r}.</translation>
    </message>
    <message>
        <source>{time} does not exist in {zone} (the clocks were put forward); give the time with its UTC offset.</source>
        <translation>{time} gibt es in {zone} nicht (die Uhren wurden vorgestellt); geben Sie die Zeit mit ihrem UTC-Versatz an.</translation>
    </message>
    <message>
        <source>{time} happened twice in {zone} (the clocks were put back); give the time with its UTC offset, e.g. +02:00.</source>
        <translation>{time} gab es in {zone} zweimal (die Uhren wurden zurückgestellt); geben Sie die Zeit mit ihrem UTC-Versatz an, z. B. +02:00.</translation>
    </message>
    <message>
        <source>The disk is full, so ClockApp couldn&apos;t change whether it starts at login. Free some space and try again.</source>
        <translation>Der Datenträger ist voll, daher konnte ClockApp nicht ändern, ob es bei der Anmeldung startet. Geben Sie Speicherplatz frei und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>ClockApp couldn&apos;t change whether it starts at login: {where} can&apos;t be written.</source>
        <translation>ClockApp konnte nicht ändern, ob es bei der Anmeldung startet: {where} kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>No system keyring is available, so ClockApp can&apos;t keep your API secret safely. Install or unlock one (GNOME Keyring, KWallet, Windows Credential Manager, macOS Keychain). Clocking keeps working offline; uploads wait until then.</source>
        <translation>Es ist kein Schlüsselbund des Systems verfügbar, daher kann ClockApp Ihr API-Geheimnis nicht sicher aufbewahren. Installieren oder entsperren Sie einen (GNOME-Schlüsselbund, KWallet, Windows-Anmeldeinformationsverwaltung, macOS-Schlüsselbund). Das Stempeln funktioniert offline weiter; Uploads warten bis dahin.</translation>
    </message>
    <message>
        <source>The system keyring did not answer in time (is it locked?). Unlock it and try again; uploads wait meanwhile.</source>
        <translation>Der Schlüsselbund des Systems hat nicht rechtzeitig geantwortet (ist er gesperrt?). Entsperren Sie ihn und versuchen Sie es erneut; Uploads warten so lange.</translation>
    </message>
    <message>
        <source>The system keyring is locked; unlock it and try again.</source>
        <translation>Der Schlüsselbund des Systems ist gesperrt; entsperren Sie ihn und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The system keyring refused to do this; check that it is unlocked and working.</source>
        <translation>Der Schlüsselbund des Systems hat das verweigert; prüfen Sie, ob er entsperrt ist und funktioniert.</translation>
    </message>
    <message>
        <source>{day} is locked; unlock it first to record an absence on it.</source>
        <translation>{day} ist gesperrt; entsperren Sie den Tag zuerst, um dort eine Abwesenheit einzutragen.</translation>
    </message>
    <message>
        <source>That overlaps the {kind} absence from {first} to {last} (id {id}); delete that one first or choose other dates.</source>
        <translation>Das überschneidet sich mit der Abwesenheit ({kind}) vom {first} bis {last} (Nr. {id}); löschen Sie diese zuerst oder wählen Sie andere Tage.</translation>
    </message>
    <message>
        <source>{first} to {last} holds no working day (only weekends or public holidays); nothing was recorded.</source>
        <translation>Vom {first} bis {last} gibt es keinen Arbeitstag (nur Wochenenden oder Feiertage); nichts wurde eingetragen.</translation>
    </message>
    <message>
        <source>No absence has the id {id}.</source>
        <translation>Es gibt keine Abwesenheit mit der Nr. {id}.</translation>
    </message>
    <message>
        <source>{day} is locked; unlock it first to change its absences.</source>
        <translation>{day} ist gesperrt; entsperren Sie den Tag zuerst, um seine Abwesenheiten zu ändern.</translation>
    </message>
    <message>
        <source>The balance starts on {since}, after {as_of}; choose a later date or an earlier start (clockapp balance set --since).</source>
        <translation>Das Zeitkonto beginnt am {since}, nach dem {as_of}; wählen Sie ein späteres Datum oder einen früheren Beginn (clockapp balance set --since).</translation>
    </message>
    <message>
        <source>Nothing to change: give --since, --opening or --vacation-days.</source>
        <translation>Nichts zu ändern: geben Sie --since, --opening oder --vacation-days an.</translation>
    </message>
    <message>
        <source>Say why the balance changes: give --reason TEXT.</source>
        <translation>Sagen Sie, warum sich das Zeitkonto ändert: --reason TEXT.</translation>
    </message>
    <message>
        <source>Give the TimeTrack username your account is known by.</source>
        <translation>Geben Sie den TimeTrack-Benutzernamen Ihres Kontos an.</translation>
    </message>
    <message>
        <source>Both the TimeTrack API key and the API secret are needed.</source>
        <translation>Sowohl der TimeTrack-API-Schlüssel als auch das API-Geheimnis werden benötigt.</translation>
    </message>
    <message>
        <source>The Papershift API token is needed.</source>
        <translation>Das Papershift-API-Token wird benötigt.</translation>
    </message>
    <message>
        <source>Give the Papershift {what} either by id or by external id (exactly one).</source>
        <translation>Geben Sie für Papershift „{what}“ entweder die ID oder die externe ID an (genau eine).</translation>
    </message>
    <message>
        <source>TimeTrack is chosen but its address or username is missing.</source>
        <translation>TimeTrack ist gewählt, aber Adresse oder Benutzername fehlen.</translation>
    </message>
    <message>
        <source>No TimeTrack API key and secret are stored on this computer; enter them in Settings or with &apos;clockapp backend set timetrack&apos;.</source>
        <translation>Auf diesem Computer sind kein TimeTrack-API-Schlüssel und -Geheimnis gespeichert; geben Sie sie in den Einstellungen oder mit „clockapp backend set timetrack“ ein.</translation>
    </message>
    <message>
        <source>No Papershift API token is stored on this computer; enter it in Settings or with &apos;clockapp backend set papershift&apos;.</source>
        <translation>Auf diesem Computer ist kein Papershift-API-Token gespeichert; geben Sie es in den Einstellungen oder mit „clockapp backend set papershift“ ein.</translation>
    </message>
    <message>
        <source>Your time records at {path} could not be written; nothing was recorded.</source>
        <translation>Ihre Zeitaufzeichnungen unter {path} konnten nicht geschrieben werden; nichts wurde erfasst.</translation>
    </message>
    <message>
        <source>ClockApp can&apos;t open its time records at {path}: the file can&apos;t be read.</source>
        <translation>ClockApp kann seine Zeitaufzeichnungen unter {path} nicht öffnen: Die Datei kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>ClockApp can&apos;t create its data folder {folder}; check that it may write there.</source>
        <translation>ClockApp kann seinen Datenordner {folder} nicht anlegen; prüfen Sie, ob es dort schreiben darf.</translation>
    </message>
    <message>
        <source>The file at {path} is not a ClockApp time record. It was kept as {kept}; ClockApp started a new, empty record.</source>
        <translation>Die Datei unter {path} ist keine Zeitaufzeichnung von ClockApp. Sie wurde als {kept} aufbewahrt; ClockApp hat eine neue, leere Aufzeichnung begonnen.</translation>
    </message>
    <message>
        <source>Your time records were damaged and could not be read. The damaged file was kept as {kept}; ClockApp started a new, empty record. Your IT support can try to recover the old one.</source>
        <translation>Ihre Zeitaufzeichnungen waren beschädigt und konnten nicht gelesen werden. Die beschädigte Datei wurde als {kept} aufbewahrt; ClockApp hat eine neue, leere Aufzeichnung begonnen. Ihr IT-Support kann versuchen, die alte wiederherzustellen.</translation>
    </message>
    <message>
        <source>ClockApp can&apos;t start a new record at {path}; check that it may write there.</source>
        <translation>ClockApp kann unter {path} keine neue Aufzeichnung beginnen; prüfen Sie, ob es dort schreiben darf.</translation>
    </message>
    <message>
        <source>{label} stored entry {entry} with another note or &quot;entered by hand&quot; mark than ClockApp sent.</source>
        <translation>{label} hat den Eintrag {entry} mit einer anderen Notiz oder Markierung „von Hand eingetragen“ gespeichert, als ClockApp gesendet hat.</translation>
    </message>
    <message>
        <source>{label} stored entry {entry} differently from what was sent: it holds {start}–{end} with {kept_break} min of break; ClockApp sent {sent_start}–{sent_end} with {sent_break} min.</source>
        <translation>{label} hat den Eintrag {entry} anders gespeichert als gesendet: Er enthält {start}–{end} mit {kept_break} Min. Pause; ClockApp hat {sent_start}–{sent_end} mit {sent_break} Min. gesendet.</translation>
    </message>
    <message>
        <source>{label} answered something that can&apos;t be read: &quot;{said}&quot;</source>
        <translation>{label} hat etwas geantwortet, das sich nicht lesen lässt: „{said}“</translation>
    </message>
    <message>
        <source>{url} is not a web address (https://…).</source>
        <translation>{url} ist keine Webadresse (https://…).</translation>
    </message>
    <message>
        <source>The address must start with https:// — credentials are never sent unencrypted.</source>
        <translation>Die Adresse muss mit https:// beginnen – Zugangsdaten werden nie unverschlüsselt gesendet.</translation>
    </message>
    <message>
        <source>Give the address without a user name, password, ?query or #fragment in it.</source>
        <translation>Geben Sie die Adresse ohne Benutzernamen, Passwort, ?Abfrage oder #Fragment an.</translation>
    </message>
    <message>
        <source>The {label} credentials hold a character that can&apos;t be sent (a control character, or one outside plain ASCII); enter them again.</source>
        <translation>Die Zugangsdaten für {label} enthalten ein Zeichen, das sich nicht senden lässt (ein Steuerzeichen oder eines außerhalb von einfachem ASCII); geben Sie sie erneut ein.</translation>
    </message>
    <message>
        <source>{label} can&apos;t be set up with these settings; check the address and the credentials.</source>
        <translation>{label} lässt sich mit diesen Einstellungen nicht einrichten; prüfen Sie die Adresse und die Zugangsdaten.</translation>
    </message>
    <message>
        <source>{label} can&apos;t be reached (no network, or the server is down).</source>
        <translation>{label} ist nicht erreichbar (kein Netzwerk, oder der Server ist ausgefallen).</translation>
    </message>
    <message>
        <source>{label} did not answer in time.</source>
        <translation>{label} hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The connection to {label} broke off.</source>
        <translation>Die Verbindung zu {label} ist abgebrochen.</translation>
    </message>
    <message>
        <source>This can&apos;t be sent to {label} (the request could not be built).</source>
        <translation>Das lässt sich nicht an {label} senden (die Anfrage konnte nicht erstellt werden).</translation>
    </message>
    <message>
        <source>{label} rejected the credentials (error {status}) and said: &quot;{said}&quot;</source>
        <translation>{label} hat die Zugangsdaten abgelehnt (Fehler {status}) und gesagt: „{said}“</translation>
    </message>
    <message>
        <source>{label} rejected the credentials (error {status}).</source>
        <translation>{label} hat die Zugangsdaten abgelehnt (Fehler {status}).</translation>
    </message>
    <message>
        <source>{label} asked ClockApp to wait a little (error 429).</source>
        <translation>{label} hat ClockApp gebeten, etwas zu warten (Fehler 429).</translation>
    </message>
    <message>
        <source>{label} did not answer in time (error 408).</source>
        <translation>{label} hat nicht rechtzeitig geantwortet (Fehler 408).</translation>
    </message>
    <message>
        <source>{label} had a problem of its own (error {status}): &quot;{said}&quot;</source>
        <translation>{label} hatte ein eigenes Problem (Fehler {status}): „{said}“</translation>
    </message>
    <message>
        <source>{label} refused this (error {status}): &quot;{said}&quot;</source>
        <translation>{label} hat das abgelehnt (Fehler {status}): „{said}“</translation>
    </message>
    <message>
        <source>{label} answered with a redirect (error {status}).</source>
        <translation>{label} hat mit einer Weiterleitung geantwortet (Fehler {status}).</translation>
    </message>
    <message>
        <source>{language} is not a two-letter language code.</source>
        <translation>{language} ist kein zweibuchstabiger Sprachcode.</translation>
    </message>
    <message>
        <source>Papershift kept sending pages past {pages}; the list was not read.</source>
        <translation>Papershift hat über {pages} Seiten hinaus weitere gesendet; die Liste wurde nicht gelesen.</translation>
    </message>
    <message>
        <source>Papershift kept sending pages past {pages}; the shift plan was not read.</source>
        <translation>Papershift hat über {pages} Seiten hinaus weitere gesendet; der Schichtplan wurde nicht gelesen.</translation>
    </message>
    <message>
        <source>{label} answered with another entry ({entry}) than the one changed.</source>
        <translation>{label} hat mit einem anderen Eintrag ({entry}) geantwortet als dem geänderten.</translation>
    </message>
    <message>
        <source>The Papershift user is not set (by id or external id).</source>
        <translation>Der Papershift-Benutzer ist nicht festgelegt (per ID oder externer ID).</translation>
    </message>
    <message>
        <source>The Papershift location is not set (by id or external id).</source>
        <translation>Der Papershift-Standort ist nicht festgelegt (per ID oder externer ID).</translation>
    </message>
    <message>
        <source>The Papershift working area is not set (by id or external id).</source>
        <translation>Der Papershift-Arbeitsbereich ist nicht festgelegt (per ID oder externer ID).</translation>
    </message>
    <message>
        <source>Unknown backend {kind!r} in the settings.</source>
        <translation>Unbekanntes HR-System {kind!r} in den Einstellungen.</translation>
    </message>
    <message>
        <source>The range ends ({last}) before it starts ({first}).</source>
        <translation>Der Zeitraum endet ({last}), bevor er beginnt ({first}).</translation>
    </message>
    <message>
        <source>That session is still running; use &apos;clockapp discard&apos; to throw it away (or &apos;clockapp delete --yes&apos;).</source>
        <translation>Diese Sitzung läuft noch; verwerfen Sie sie mit &apos;clockapp discard&apos; (oder &apos;clockapp delete --yes&apos;).</translation>
    </message>
    <message>
        <source>Papershift is chosen but its address is missing.</source>
        <translation>Papershift ist gewählt, aber die Adresse fehlt.</translation>
    </message>
    <message>
        <source>No backend is chosen: sessions stay on this computer.</source>
        <translation>Kein HR-System gewählt: Die Sitzungen bleiben auf diesem Computer.</translation>
    </message>
    <message>
        <source>Choose TimeTrack or Papershift first.</source>
        <translation>Wählen Sie zuerst TimeTrack oder Papershift.</translation>
    </message>
    <message>
        <source>The TimeTrack API key can&apos;t contain line breaks, tabs or other control characters, nor letters outside plain ASCII; copy it again exactly as TimeTrack shows it.</source>
        <translation>Der TimeTrack-API-Schlüssel darf keine Zeilenumbrüche, Tabulatoren oder anderen Steuerzeichen und keine Buchstaben außerhalb von einfachem ASCII enthalten; kopieren Sie ihn noch einmal genau so, wie TimeTrack ihn zeigt.</translation>
    </message>
    <message>
        <source>The TimeTrack API secret can&apos;t contain line breaks, tabs or other control characters, nor letters outside plain ASCII; copy it again exactly as TimeTrack shows it.</source>
        <translation>Das TimeTrack-API-Geheimnis darf keine Zeilenumbrüche, Tabulatoren oder anderen Steuerzeichen und keine Buchstaben außerhalb von einfachem ASCII enthalten; kopieren Sie es noch einmal genau so, wie TimeTrack es zeigt.</translation>
    </message>
    <message>
        <source>The Papershift API token can&apos;t contain line breaks, tabs or other control characters, nor letters outside plain ASCII; copy it again exactly as Papershift shows it.</source>
        <translation>Das Papershift-API-Token darf keine Zeilenumbrüche, Tabulatoren oder anderen Steuerzeichen und keine Buchstaben außerhalb von einfachem ASCII enthalten; kopieren Sie es noch einmal genau so, wie Papershift es zeigt.</translation>
    </message>
    <message>
        <source>The TimeTrack API key or secret stored on this computer can&apos;t be used: it holds a control character or a letter outside plain ASCII. Enter both again in Settings or with &apos;clockapp backend set timetrack&apos;; uploads wait meanwhile.</source>
        <translation>Der auf diesem Computer gespeicherte TimeTrack-API-Schlüssel oder das Geheimnis ist unbrauchbar: Darin steht ein Steuerzeichen oder ein Buchstabe außerhalb von einfachem ASCII. Geben Sie beide in den Einstellungen oder mit „clockapp backend set timetrack“ neu ein; Uploads warten bis dahin.</translation>
    </message>
    <message>
        <source>The Papershift API token stored on this computer can&apos;t be used: it holds a control character or a letter outside plain ASCII. Enter it again in Settings or with &apos;clockapp backend set papershift&apos;; uploads wait meanwhile.</source>
        <translation>Das auf diesem Computer gespeicherte Papershift-API-Token ist unbrauchbar: Es enthält ein Steuerzeichen oder einen Buchstaben außerhalb von einfachem ASCII. Geben Sie es in den Einstellungen oder mit „clockapp backend set papershift“ neu ein; Uploads warten bis dahin.</translation>
    </message>
    <message>
        <source>The system keyring did not answer in time (is it locked?). Unlock it; uploads wait meanwhile.</source>
        <translation>Der Schlüsselbund des Systems hat nicht rechtzeitig geantwortet (ist er gesperrt?). Entsperren Sie ihn; Uploads warten so lange.</translation>
    </message>
    <message>
        <source>The setting {key} is set by your IT department and can&apos;t be changed here.</source>
        <translation>Die Einstellung {key} ist von Ihrer IT-Abteilung festgelegt und kann hier nicht geändert werden.</translation>
    </message>
    <message>
        <source>A session from {start} until now would overlap the later one from {other} to {other_end}; to record time you forgot, use &apos;clockapp add --start &quot;{start}&quot; --end TIME&apos; instead.</source>
        <translation>Eine Sitzung von {start} bis jetzt würde die spätere von {other} bis {other_end} überschneiden; vergessene Zeit tragen Sie stattdessen mit &apos;clockapp add --start &quot;{start}&quot; --end ZEIT&apos; nach.</translation>
    </message>
    <message>
        <source>The end date comes before the start date.</source>
        <translation>Das Enddatum liegt vor dem Anfangsdatum.</translation>
    </message>
    <message>
        <source>{day!r} is not a weekday; use one of {days}.</source>
        <translation>{day!r} ist kein Wochentag; verwenden Sie einen von {days}.</translation>
    </message>
    <message>
        <source>No session has the id {ref}.</source>
        <translation>Keine Sitzung hat die ID {ref}.</translation>
    </message>
    <message>
        <source>{ref!r} is not a session id; give at least {least} characters of one (see &apos;clockapp sessions&apos;).</source>
        <translation>{ref!r} ist keine Sitzungs-ID; geben Sie mindestens {least} Zeichen einer ID an (siehe „clockapp sessions“).</translation>
    </message>
    <message>
        <source>No session has an id starting with {ref}.</source>
        <translation>Keine Sitzungs-ID beginnt mit {ref}.</translation>
    </message>
    <message>
        <source>The session has changed since, so there is nothing to undo.</source>
        <translation>Die Sitzung wurde inzwischen geändert; es gibt nichts rückgängig zu machen.</translation>
    </message>
    <message>
        <source>You have clocked in again since, so there is nothing to undo.</source>
        <translation>Sie haben sich inzwischen wieder eingestempelt; es gibt nichts rückgängig zu machen.</translation>
    </message>
    <message>
        <source>{count} sessions have ids starting with {ref}; give more of it.</source>
        <translation>{count} Sitzungs-IDs beginnen mit {ref}; geben Sie mehr davon an.</translation>
    </message>
    <message>
        <source>A finished session needs an end.</source>
        <translation>Eine abgeschlossene Sitzung braucht ein Ende.</translation>
    </message>
    <message>
        <source>You are not clocked in, so there is no session to discard.</source>
        <translation>Sie sind nicht eingestempelt; es gibt keine Sitzung zum Verwerfen.</translation>
    </message>
    <message>
        <source>Your organisation requires a reason for every change by hand; give one (--reason on the command line). Nothing was changed.</source>
        <translation>Ihre Organisation verlangt für jede Änderung von Hand eine Begründung; bitte geben Sie eine an (--reason in der Kommandozeile). Es wurde nichts geändert.</translation>
    </message>
    <message>
        <source>You are still clocked in on {day}; clock out before locking it.</source>
        <translation>Sie sind am {day} noch eingestempelt; stempeln Sie aus, bevor Sie den Tag sperren.</translation>
    </message>
    <message>
        <source>{day} is locked; unlock it first to change its sessions.</source>
        <translation>Der {day} ist gesperrt; entsperren Sie ihn zuerst, um seine Sitzungen zu ändern.</translation>
    </message>
    <message>
        <source>A manager has confirmed {day}; changing it shows up for them as a change. Add --yes to change it anyway.</source>
        <translation>Eine Führungskraft hat {day} bestätigt; eine Änderung sieht sie als Änderung. Mit --yes wird trotzdem geändert.</translation>
    </message>
    <message>
        <source>Unknown export format {format!r}; use csv, excel or json.</source>
        <translation>Unbekanntes Exportformat {format!r}; verwenden Sie csv, excel oder json.</translation>
    </message>
    <message>
        <source>{code} is not a region ClockApp knows public holidays for; use DE, a German state such as DE-BY or DE-BE, or none.</source>
        <translation>Für {code} kennt ClockApp keine Feiertage; möglich sind DE, ein Bundesland wie DE-BY oder DE-BE, oder none.</translation>
    </message>
    <message>
        <source>You are no longer clocked in to that session (it was ended meanwhile); nothing was changed.</source>
        <translation>Sie sind in dieser Sitzung nicht mehr eingestempelt (sie wurde inzwischen beendet); nichts wurde geändert.</translation>
    </message>
    <message>
        <source>Can&apos;t read the time {text!r}; use HH:MM, &apos;YYYY-MM-DD HH:MM&apos;, or ISO 8601 with an offset like 2026-11-25T08:00+01:00.</source>
        <translation>Die Zeit {text!r} ist nicht lesbar; verwenden Sie HH:MM, „JJJJ-MM-TT HH:MM“ oder ISO 8601 mit Versatz wie 2026-11-25T08:00+01:00.</translation>
    </message>
    <message>
        <source>{text} is outside the dates ClockApp keeps, 1970 to 9998.</source>
        <translation>{text} liegt außerhalb der Daten, die ClockApp führt (1970 bis 9998).</translation>
    </message>
    <message>
        <source>Can&apos;t read the break {text!r}; use HH:MM-HH:MM, or START/END in ISO 8601.</source>
        <translation>Die Pause {text!r} ist nicht lesbar; verwenden Sie HH:MM-HH:MM oder BEGINN/ENDE in ISO 8601.</translation>
    </message>
    <message>
        <source>The break {text} ends before it starts.</source>
        <translation>Die Pause {text} endet, bevor sie beginnt.</translation>
    </message>
    <message>
        <source>Can&apos;t read the date {text!r}; use YYYY-MM-DD.</source>
        <translation>Das Datum {text!r} ist nicht lesbar; verwenden Sie JJJJ-MM-TT.</translation>
    </message>
    <message>
        <source>{text} is not a time of day.</source>
        <translation>{text} ist keine Uhrzeit.</translation>
    </message>
    <message>
        <source>In {path}, the setting {key} is {value}, which is not {expected}; the built-in default is used.</source>
        <translation>In {path} hat die Einstellung {key} den Wert {value}, erwartet wird aber: {expected}; der eingebaute Standardwert gilt.</translation>
    </message>
    <message>
        <source>In {path}, the setting {key} names {day}, which is not a weekday (mon … sun); it is ignored.</source>
        <translation>In {path} nennt die Einstellung {key} {day}, das ist kein Wochentag (mon … sun); der Eintrag wird ignoriert.</translation>
    </message>
    <message>
        <source>The admin policy {path} could not be read ({reason}) and is ignored.</source>
        <translation>Die Admin-Richtlinie {path} konnte nicht gelesen werden ({reason}) und wird ignoriert.</translation>
    </message>
    <message>
        <source>The admin policy {path} is not a JSON object {{&quot;settings&quot;: …, &quot;locked&quot;: […]}} and is ignored.</source>
        <translation>Die Admin-Richtlinie {path} ist kein JSON-Objekt {{&quot;settings&quot;: …, &quot;locked&quot;: […]}} und wird ignoriert.</translation>
    </message>
    <message>
        <source>In the admin policy {path}, settings is not a JSON object, so it is ignored: no setting is preset.</source>
        <translation>In der Admin-Richtlinie {path} ist settings kein JSON-Objekt und wird ignoriert: Es ist keine Einstellung vorgegeben.</translation>
    </message>
    <message>
        <source>The admin policy {path} holds {keys}: secrets never belong in a policy file, so they are ignored; each user enters their own.</source>
        <translation>Die Admin-Richtlinie {path} enthält {keys}: Geheimnisse gehören nie in eine Richtlinie, sie werden ignoriert; jede Person gibt ihre eigenen ein.</translation>
    </message>
    <message>
        <source>The admin policy {path} presets settings ClockApp doesn&apos;t know, ignored: {keys}.</source>
        <translation>Die Admin-Richtlinie {path} gibt Einstellungen vor, die ClockApp nicht kennt; ignoriert: {keys}.</translation>
    </message>
    <message>
        <source>In the admin policy {path}, locked is {value}, not a list of setting names; nothing is locked.</source>
        <translation>In der Admin-Richtlinie {path} ist locked {value} statt einer Liste von Einstellungsnamen; nichts ist gesperrt.</translation>
    </message>
    <message>
        <source>In the admin policy {path}, locked names {keys} without a usable preset value; those are not locked.</source>
        <translation>Die Admin-Richtlinie {path} sperrt {keys} ohne brauchbaren vorgegebenen Wert; diese sind nicht gesperrt.</translation>
    </message>
    <message>
        <source>ClockApp can&apos;t read its settings {path} ({reason}); the built-in settings are used.</source>
        <translation>ClockApp kann seine Einstellungen {path} nicht lesen ({reason}); die eingebauten Einstellungen gelten.</translation>
    </message>
    <message>
        <source>The settings file {path} is damaged ({reason}); the built-in settings are used, and the file is kept beside it when settings are next saved.</source>
        <translation>Die Einstellungsdatei {path} ist beschädigt ({reason}); die eingebauten Einstellungen gelten, und die Datei wird beim nächsten Speichern daneben aufbewahrt.</translation>
    </message>
    <message>
        <source>There is no setting called {key!r}.</source>
        <translation>Es gibt keine Einstellung namens {key!r}.</translation>
    </message>
    <message>
        <source>The setting {key} can&apos;t be {value}: it takes {expected}.</source>
        <translation>Die Einstellung {key} kann nicht {value} sein; erwartet wird: {expected}.</translation>
    </message>
    <message>
        <source>ClockApp can&apos;t read its settings {path} ({reason}), so it does not save over them; fix the file&apos;s permissions or move it away.</source>
        <translation>ClockApp kann seine Einstellungen {path} nicht lesen ({reason}) und speichert deshalb nicht darüber; korrigieren Sie die Zugriffsrechte der Datei oder verschieben Sie sie.</translation>
    </message>
    <message>
        <source>The disk is full; nothing was recorded. Free some space on the disk that holds {folder} and try again.</source>
        <translation>Der Datenträger ist voll; nichts wurde erfasst. Schaffen Sie Platz auf dem Datenträger mit {folder} und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The data folder {folder} is read-only; nothing was recorded. Make it writable (or ask your IT support) and try again.</source>
        <translation>Der Datenordner {folder} ist schreibgeschützt; nichts wurde erfasst. Machen Sie ihn beschreibbar (oder fragen Sie Ihren IT-Support) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The disk is full, so your settings were not saved. Free some space on the disk that holds {path} and try again.</source>
        <translation>Der Datenträger ist voll, daher wurden Ihre Einstellungen nicht gespeichert. Geben Sie auf dem Datenträger mit {path} Speicherplatz frei und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>ClockApp can&apos;t save its settings to {path}; check that the folder may be written.</source>
        <translation>ClockApp kann seine Einstellungen nicht unter {path} speichern; prüfen Sie, ob der Ordner beschrieben werden darf.</translation>
    </message>
    <message>
        <source>Your time records at {path} are read-only; nothing was recorded. Make the file writable (or ask your IT support) and try again.</source>
        <translation>Ihre Zeitaufzeichnungen unter {path} sind schreibgeschützt; nichts wurde erfasst. Machen Sie die Datei beschreibbar (oder fragen Sie Ihren IT-Support) und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Your time records are busy in another ClockApp window; nothing was recorded. Try again in a moment.</source>
        <translation>Ihre Zeitaufzeichnungen sind in einem anderen ClockApp-Fenster in Gebrauch; nichts wurde erfasst. Versuchen Sie es gleich noch einmal.</translation>
    </message>
    <message>
        <source>The disk failed while writing your time records at {path}; nothing was recorded. If this keeps happening, ask your IT support to check the disk.</source>
        <translation>Beim Schreiben Ihrer Zeitaufzeichnungen unter {path} ist ein Datenträgerfehler aufgetreten; nichts wurde erfasst. Wenn das wiederholt passiert, lassen Sie den Datenträger von Ihrem IT-Support prüfen.</translation>
    </message>
    <message>
        <source>Your time records at {path} were written by a newer ClockApp; please update ClockApp to open them.</source>
        <translation>Ihre Zeitaufzeichnungen unter {path} stammen von einer neueren ClockApp-Version; bitte aktualisieren Sie ClockApp, um sie zu öffnen.</translation>
    </message>
</context>
<context>
    <name>WeekWindow</name>
    <message>
        <source>Week</source>
        <extracomment>Store changes (a ``clockapp`` command, the tray) show up within this many milliseconds. The remote entries of the shown week arrived (or failed: see ``remote_note``). &quot;Month…&quot;: the month holding this day, please (the tray opens the month window). Holidays, absences and the balance of the shown week. The tray&apos;s upload runs: a finished run, or a backend just set up, shows here at once.</extracomment>
        <translation>Woche</translation>
    </message>
    <message>
        <source>◀ &amp;Previous</source>
        <extracomment>Ids of the shown sessions a manager has confirmed (Papershift).</extracomment>
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
        <translation>Anteil am Soll</translation>
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
        <source>Public holidays are not counted: choose your region in Settings.</source>
        <translation>Feiertage werden nicht berücksichtigt: Wählen Sie Ihr Bundesland in den Einstellungen.</translation>
    </message>
    <message>
        <source>Public holidays</source>
        <translation>Feiertage</translation>
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
        <source>History of the session</source>
        <translation>Verlauf der Sitzung</translation>
    </message>
    <message>
        <source>&amp;Add time…</source>
        <translation>&amp;Zeit nachtragen…</translation>
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
        <source>&amp;Month…</source>
        <translation>&amp;Monat…</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>Schl&amp;ießen</translation>
    </message>
    <message>
        <source>&amp;Mark as vacation / sick / time off…</source>
        <translation>Als Urlaub / krank / Frei&amp;zeitausgleich eintragen…</translation>
    </message>
    <message>
        <source>Remove a&amp;bsence</source>
        <translation>Abwesenheit &amp;entfernen</translation>
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
        <source>Balance: {start} at the start of the week, {end} at its end</source>
        <translation>Zeitkonto: {start} zu Beginn der Woche, {end} am Ende der Woche</translation>
    </message>
    <message>
        <source>No working-time rule is broken this week.</source>
        <translation>Diese Woche ist keine Arbeitszeitregel verletzt.</translation>
    </message>
    <message>
        <source>{day} · planned {spans} ({length})</source>
        <translation>{day} · geplant {spans} ({length})</translation>
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
        <source>{part} of {whole}</source>
        <translation>{part} von {whole}</translation>
    </message>
    <message>
        <source>{counted} (+{short} too short)</source>
        <translation>{counted} (+{short} zu kurz)</translation>
    </message>
    <message>
        <source>{session}  ✔ confirmed</source>
        <translation>{session}  ✔ bestätigt</translation>
    </message>
    <message>
        <source>Breaks shorter than {least} minutes don&apos;t count toward the break the law requires (ArbZG § 4); {short} of this session&apos;s breaks are that short.</source>
        <translation>Pausen unter {least} Minuten zählen nicht zur gesetzlich vorgeschriebenen Pause (ArbZG § 4); {short} der Pausen dieser Sitzung sind so kurz.</translation>
    </message>
    <message>
        <source>A manager has confirmed this session; changing it shows up for them as a change.</source>
        <translation>Eine Führungskraft hat diese Sitzung bestätigt; eine Änderung sieht sie als Änderung.</translation>
    </message>
    <message>
        <source>The breaks the law counts (ArbZG § 4): those of {least} minutes or more, and gaps of {least} minutes or more between the day&apos;s sessions.</source>
        <translation>Die Pausen, die das Gesetz anrechnet (ArbZG § 4): solche ab {least} Minuten und Lücken ab {least} Minuten zwischen den Sitzungen des Tages.</translation>
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
        <source>Also uploaded to: {places}.</source>
        <translation>Auch hochgeladen zu: {places}.</translation>
    </message>
    <message>
        <source>created</source>
        <translation>angelegt</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <source>discarded</source>
        <translation>verworfen</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>gelöscht</translation>
    </message>
    <message>
        <source>by clocking</source>
        <translation>durch Stempeln</translation>
    </message>
    <message>
        <source>by hand</source>
        <translation>von Hand</translation>
    </message>
    <message>
        <source>by an answer to the away question</source>
        <translation>durch eine Antwort auf die Abwesenheitsfrage</translation>
    </message>
    <message>
        <source>by the automatic clock-out</source>
        <translation>durch das automatische Ausstempeln</translation>
    </message>
    <message>
        <source>by an import</source>
        <translation>durch einen Import</translation>
    </message>
    <message>
        <source>{when}: {action} {how}</source>
        <translation>{when}: {how} {action}</translation>
    </message>
    <message>
        <source>History:</source>
        <translation>Verlauf:</translation>
    </message>
    <message>
        <source>A manager has confirmed {day}; they will see the deletion as a change.</source>
        <translation>Eine Führungskraft hat {day} bestätigt; sie sieht das Löschen als Änderung.</translation>
    </message>
    <message>
        <source>Export the week</source>
        <translation>Woche exportieren</translation>
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
        <source>This day is locked; unlock it to change its sessions.</source>
        <translation>Dieser Tag ist gesperrt; entsperren Sie ihn, um seine Sitzungen zu ändern.</translation>
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
        <source>{text} · clocked {difference}</source>
        <translation>{text} · gestempelt {difference}</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <source>Excel (CSV) (*.csv)</source>
        <translation>Excel (CSV) (*.csv)</translation>
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
