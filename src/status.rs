//! The status vocabulary of 한국매니페스토실천본부, plus the two states some districts add.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Completed,
    Continuing,
    OnTrack,
    Partial,
    OnHold,
    Dropped,
    Merged,
    Removed,
}

impl Status {
    pub const ALL: [Status; 8] = [
        Status::Completed,
        Status::Continuing,
        Status::OnTrack,
        Status::Partial,
        Status::OnHold,
        Status::Dropped,
        Status::Merged,
        Status::Removed,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Status::Completed => "completed",
            Status::Continuing => "continuing",
            Status::OnTrack => "on-track",
            Status::Partial => "partial",
            Status::OnHold => "on-hold",
            Status::Dropped => "dropped",
            Status::Merged => "merged",
            Status::Removed => "removed",
        }
    }

    pub fn label_ko(self) -> &'static str {
        match self {
            Status::Completed => "완료",
            Status::Continuing => "이행후 계속추진",
            Status::OnTrack => "정상추진",
            Status::Partial => "일부추진",
            Status::OnHold => "보류",
            Status::Dropped => "폐기",
            Status::Merged => "통폐합",
            Status::Removed => "공약 제외",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Status::Completed => "Completed",
            Status::Continuing => "Completed, continuing",
            Status::OnTrack => "On track",
            Status::Partial => "Partly done",
            Status::OnHold => "On hold",
            Status::Dropped => "Dropped",
            Status::Merged => "Merged",
            Status::Removed => "Removed",
        }
    }

    /// The label in the reader's language.
    pub fn label(self, lang: crate::messages::Lang) -> &'static str {
        match lang {
            crate::messages::Lang::Ko => self.label_ko(),
            crate::messages::Lang::En => self.label_en(),
        }
    }

    /// A text symbol shown beside the label, so colour is never the only carrier of a status.
    pub fn icon(self) -> &'static str {
        match self {
            Status::Completed => "●",
            Status::Continuing => "◆",
            Status::OnTrack => "▲",
            Status::Partial => "◐",
            Status::OnHold => "■",
            Status::Dropped => "✕",
            Status::Merged => "⇢",
            Status::Removed => "−",
        }
    }

    /// Okabe–Ito based colours: distinguishable with colour-blindness, and dark enough that
    /// white text on them passes 4.5:1.
    pub fn colour(self) -> &'static str {
        match self {
            Status::Completed => "#00600f",
            Status::Continuing => "#005a8c",
            Status::OnTrack => "#6b4fa0",
            Status::Partial => "#8a5a00",
            Status::OnHold => "#5f5f5f",
            Status::Dropped => "#a3211a",
            Status::Merged => "#44546a",
            Status::Removed => "#6e6e6e",
        }
    }

    /// Counted as done in 완료율 / 달성률.
    pub fn is_done(self) -> bool {
        matches!(self, Status::Completed | Status::Continuing)
    }

    /// 통폐합 and 공약 제외 are shown but left out of every rate.
    pub fn is_counted(self) -> bool {
        !matches!(self, Status::Merged | Status::Removed)
    }

    pub fn needs_reason(self) -> bool {
        matches!(
            self,
            Status::OnHold | Status::Dropped | Status::Merged | Status::Removed
        )
    }

    /// Accepts the Korean label or the English key; spaces, hyphens and case are ignored so
    /// near misses such as "정상 추진" or "On Track" are normalised.
    pub fn parse(text: &str) -> Option<Status> {
        // Exactly as written first: what nearly every cell and card holds, without allocating.
        let exact = Status::ALL
            .into_iter()
            .find(|s| text == s.label_ko() || text == s.key());
        if exact.is_some() {
            return exact;
        }
        let wanted = crate::messages::comparable(text);
        Status::ALL.into_iter().find(|s| {
            crate::messages::comparable(s.key()) == wanted
                || crate::messages::comparable(s.label_ko()) == wanted
                || crate::messages::comparable(s.label_en()) == wanted
        })
    }

    /// What `text`, which is no status, was probably meant to be: 정상추진 for the everyday
    /// words staff use for it (`진행중`, `추진중`), else the nearest Korean label or English
    /// key (`정상추진중` → 정상추진, `완료됨` → 완료). Only a suggestion: `text` stays refused.
    pub fn suggestion(text: &str) -> Option<&'static str> {
        const EVERYDAY: [(&str, Status); 4] = [
            ("진행중", Status::OnTrack),
            ("추진중", Status::OnTrack),
            ("진행", Status::OnTrack),
            ("추진", Status::OnTrack),
        ];
        let wanted = crate::messages::comparable(text);
        if let Some((_, status)) = EVERYDAY
            .iter()
            .find(|(word, _)| crate::messages::comparable(word) == wanted)
        {
            return Some(status.label_ko());
        }
        let labels = Status::ALL.iter().map(|s| s.label_ko());
        let keys = Status::ALL.iter().map(|s| s.key());
        crate::messages::closest(text, labels.chain(keys))
    }

    pub fn valid_values() -> String {
        Status::ALL
            .iter()
            .map(|s| format!("`{}` (`{}`)", s.label_ko(), s.key()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_ko())
    }
}

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Status::parse(&text).ok_or_else(|| {
            let message = match Status::suggestion(&text) {
                Some(near) => msg!("status.unknown_near", value = &text, near = near),
                None => msg!("status.unknown", value = &text),
            };
            let hint = msg!("status.unknown_hint", valid = Status::valid_values());
            crate::yaml::custom_error_with_hint(message, hint)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_korean_labels_english_keys_and_near_misses() {
        assert_eq!(Status::parse("정상 추진"), Some(Status::OnTrack));
        assert_eq!(Status::parse("이행후 계속추진"), Some(Status::Continuing));
        assert_eq!(Status::parse("on-hold"), Some(Status::OnHold));
        assert_eq!(Status::parse("On Track"), Some(Status::OnTrack));
        assert_eq!(Status::parse("공약제외"), Some(Status::Removed));
        assert_eq!(Status::parse("진행중"), None);
    }

    #[test]
    fn suggests_the_status_meant() {
        assert_eq!(Status::suggestion("진행중"), Some("정상추진"));
        assert_eq!(Status::suggestion("추진 중"), Some("정상추진"));
        assert_eq!(Status::suggestion("정상추진중"), Some("정상추진"));
        assert_eq!(Status::suggestion("완료됨"), Some("완료"));
        assert_eq!(Status::suggestion("completd"), Some("completed"));
        assert_eq!(Status::suggestion("모름"), None);
    }
}
