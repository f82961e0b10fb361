//! Key names as the help bar writes them (`Tab`, `Ctrl-S`, `Shift-Tab`, `↓`, `F2`): read
//! into key events for scripts and tests, and written back for messages about a key.

use std::fmt::Write as _;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Named keys, in the spelling the keymap table uses first and the usual English second.
const NAMED: &[(&str, KeyCode)] = &[
    ("Tab", KeyCode::Tab),
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Space", KeyCode::Char(' ')),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PgDn", KeyCode::PageDown),
    ("PgUp", KeyCode::PageUp),
    ("↑", KeyCode::Up),
    ("↓", KeyCode::Down),
    ("←", KeyCode::Left),
    ("→", KeyCode::Right),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PageDown", KeyCode::PageDown),
    ("PageUp", KeyCode::PageUp),
];

/// One key by name: a named key, `F1`…`F12`, or one character, after any of `Ctrl-`,
/// `Alt-` and `Shift-`. `Shift-Tab` is the back-tab terminals send.
pub fn parse(name: &str) -> Result<KeyEvent, String> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = name;
    // A lone "-" (or "Ctrl--") is the minus key, not an empty modifier.
    while let Some((head, tail)) = rest.split_once('-').filter(|(_, tail)| !tail.is_empty()) {
        mods |= match head {
            "Ctrl" => KeyModifiers::CONTROL,
            "Alt" => KeyModifiers::ALT,
            "Shift" => KeyModifiers::SHIFT,
            _ => break,
        };
        rest = tail;
    }
    let code = if let Some((_, code)) = NAMED.iter().find(|(n, _)| *n == rest) {
        *code
    } else if let Some(number) =
        rest.strip_prefix('F').and_then(|n| n.parse::<u8>().ok()).filter(|n| (1..=12).contains(n))
    {
        KeyCode::F(number)
    } else {
        let mut chars = rest.chars();
        match (chars.next(), chars.next()) {
            // Terminals report Ctrl-S as Ctrl with a small s.
            (Some(c), None) if mods.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            (Some(c), None) => KeyCode::Char(c),
            _ => return Err(format!("unknown key name “{name}”")),
        }
    };
    Ok(match code {
        KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => KeyEvent::new(KeyCode::BackTab, mods),
        code => KeyEvent::new(code, mods),
    })
}

/// Keys separated by spaces: `"Tab Tab Ctrl-S"`.
pub fn sequence(names: &str) -> Result<Vec<KeyEvent>, String> {
    names.split_whitespace().map(parse).collect()
}

/// How a message names a key: `Ctrl-X`, `F5`, `Enter`.
pub fn name(key: &KeyEvent) -> String {
    let mut out = String::new();
    for (flag, prefix) in
        [(KeyModifiers::CONTROL, "Ctrl-"), (KeyModifiers::ALT, "Alt-"), (KeyModifiers::SHIFT, "Shift-")]
    {
        // A shifted character is already its own symbol ("K", "?").
        let shifted_char = flag == KeyModifiers::SHIFT && matches!(key.code, KeyCode::Char(_) | KeyCode::BackTab);
        if key.modifiers.contains(flag) && !shifted_char {
            out.push_str(prefix);
        }
    }
    match key.code {
        KeyCode::BackTab => out.push_str("Shift-Tab"),
        KeyCode::F(n) => {
            let _ = write!(out, "F{n}");
        }
        // Ctrl and Alt letters are written in capitals, as on the keycap.
        KeyCode::Char(c) if c != ' ' && out.is_empty() => out.push(c),
        KeyCode::Char(c) if c != ' ' => out.push(c.to_ascii_uppercase()),
        code => match NAMED.iter().find(|(_, c)| *c == code) {
            Some((n, _)) => out.push_str(n),
            None => {
                let _ = write!(out, "{code:?}");
            }
        },
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::keymap::BINDINGS;

    #[test]
    fn every_single_key_the_help_bar_names_reads_back_as_its_binding() {
        for binding in BINDINGS {
            // Pairs written as one hint ("←→", "Shift-↑↓") name two keys.
            let Ok(key) = parse(binding.key) else { continue };
            let mods =
                |m: KeyModifiers| if matches!(binding.code, KeyCode::Char(_)) { m - KeyModifiers::SHIFT } else { m };
            assert_eq!(key.code, binding.code, "{}", binding.key);
            assert_eq!(mods(key.modifiers), mods(binding.mods), "{}", binding.key);
        }
    }

    #[test]
    fn names_read_and_write_back() {
        for text in ["Tab", "Shift-Tab", "Ctrl-S", "Ctrl-→", "F2", "Enter", "↓", "a", "?", "Alt-x", "Backspace", "PgDn"]
        {
            let key = parse(text).expect(text);
            let written = name(&key);
            assert_eq!(parse(&written).expect(&written), key, "{text} → {written}");
        }
        assert_eq!(name(&parse("Ctrl-s").expect("key")), "Ctrl-S");
        assert_eq!(parse("-").expect("minus").code, KeyCode::Char('-'));
        assert_eq!(parse("Ctrl--").expect("ctrl minus").code, KeyCode::Char('-'));
        assert_eq!(sequence("Tab  Ctrl-S").expect("keys").len(), 2);
        assert!(parse("Hyper-Q").is_err());
        assert!(parse("ab").is_err());
    }
}
