"""The authoring toolkit: lint rules, the stage graph, the explorer, the schema, the scaffold.

This package sits on :mod:`game.scenario` and :mod:`game.engine` and never
imports pygame or :mod:`game.ui`. The commands in :mod:`game.commands`
(``lint``, ``graph``, ``explore``, ``new``, ``schema``, ``validate``) are thin
wrappers around it.
"""
