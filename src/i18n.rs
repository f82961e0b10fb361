//! The UI language: Chinese by default, English with `--lang en` or an English `LANG`, and the
//! Chinese words for input/output errors. Only the interface switches; the contract is always
//! Chinese.

/// A user-interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// `--lang` wins; otherwise the locale variables, as the C library reads them.
    pub fn detect(flag: Option<Lang>) -> Lang {
        flag.unwrap_or_else(|| {
            let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
                .iter()
                .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
                .unwrap_or_default();
            if locale.starts_with("en") { Lang::En } else { Lang::Zh }
        })
    }

    /// Picks the text for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// An input/output error as the Chinese interface says it, with what to do: one wording for
/// every command, file and error type (drafts, clause folders, reviewed documents).
pub fn io_zh(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match error.kind() {
        ErrorKind::NotFound => "找不到该文件或文件夹，请检查路径".to_string(),
        ErrorKind::PermissionDenied => {
            "没有权限：该文件只读，或该文件夹不可写（请换一个位置，向导中可用 F2 另存到别处）".to_string()
        }
        ErrorKind::ReadOnlyFilesystem => {
            "该文件夹所在的磁盘只能读不能写，请换一个位置（向导中可用 F2 另存到别处）".to_string()
        }
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "磁盘已满，请腾出空间或换一个位置".to_string(),
        ErrorKind::IsADirectory => "这是一个文件夹，不是文件".to_string(),
        ErrorKind::NotADirectory => "路径中有一段不是文件夹".to_string(),
        ErrorKind::AlreadyExists => "该文件已存在".to_string(),
        ErrorKind::InvalidFilename => "文件名不可用（过长或含有不允许的字符）".to_string(),
        _ => format!("读写失败（{error}）"),
    }
}
