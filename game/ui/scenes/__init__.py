"""The scenes of the window: title, choices, briefing, table, dialogs, debrief, replay."""
