"""Words both front ends need: the message catalogue (:mod:`game.wording.catalogue`,
English and Azerbaijani from ``assets/i18n``) and engine data in the player's
language as plain text (:mod:`game.wording.words`). The window adds its HTML on
top (:mod:`game.ui.markup`), the terminal its layout (:mod:`game.text.render`).
"""
