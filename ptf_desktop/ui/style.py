"""The app's style sheet. Colours come from the palette so that dark mode stays readable."""

from __future__ import annotations

ACCENT = "#EE4C2C"
ERROR = "#c62828"

MAIN_WINDOW_STYLE = f"""
QListWidget#navigation {{
    border: none;
    background: palette(alternate-base);
    padding-top: 12px;
    font-size: 14px;
    outline: 0;
}}
QListWidget#navigation::item {{
    padding: 9px 12px;
    margin: 1px 8px;
    border-radius: 6px;
}}
QListWidget#navigation::item:selected {{
    background: palette(highlight);
    color: palette(highlighted-text);
}}
QLabel#pageTitle {{
    font-size: 22px;
    font-weight: 600;
}}
QLabel#sectionTitle {{
    font-size: 15px;
    font-weight: 600;
    padding-top: 8px;
}}
QLabel[role="fieldError"] {{
    color: {ERROR};
}}
QLineEdit[invalid="true"], QSpinBox[invalid="true"] {{
    border: 1px solid {ERROR};
    border-radius: 3px;
    padding: 2px;
}}
"""
