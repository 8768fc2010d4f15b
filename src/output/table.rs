//! Column-aligned tables laid out like Go's text/tabwriter with Podman's settings.

/// Podman's tabwriter: minimum cell width 12, padding 2, padded with spaces.
const MIN_WIDTH: usize = 12;
const PADDING: usize = 2;

/// Rows of cells; every cell but the last of a line is padded to its column's width.
#[derive(Debug, Clone, Default)]
pub struct Table {
    lines: Vec<Vec<String>>,
}

impl Table {
    /// A table whose first line is `headers`; no header line when `headers` is empty.
    pub fn new(headers: Vec<String>) -> Table {
        let lines = if headers.is_empty() { Vec::new() } else { vec![headers] };
        Table { lines }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.lines.push(cells);
    }

    /// The laid-out text, each line ending in a newline.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let mut widths = Vec::new();
        self.format(&mut out, &mut widths, 0, self.lines.len());
        out
    }

    /// tabwriter's column blocks: a column is aligned over the run of consecutive lines that have a
    /// cell in it, so a short line ends the block and the next lines align on their own.
    fn format(&self, out: &mut String, widths: &mut Vec<usize>, mut line0: usize, line1: usize) {
        let column = widths.len();
        let mut this = line0;
        while this < line1 {
            // The last cell of a line is not part of any column.
            if column + 1 >= self.lines[this].len() {
                this += 1;
                continue;
            }
            self.write_lines(out, widths, line0, this);
            line0 = this;
            let mut width = MIN_WIDTH;
            while this < line1 && column + 1 < self.lines[this].len() {
                width = width.max(self.lines[this][column].chars().count() + PADDING);
                this += 1;
            }
            widths.push(width);
            self.format(out, widths, line0, this);
            widths.pop();
            line0 = this;
        }
        self.write_lines(out, widths, line0, line1);
    }

    fn write_lines(&self, out: &mut String, widths: &[usize], line0: usize, line1: usize) {
        for line in &self.lines[line0..line1] {
            for (j, cell) in line.iter().enumerate() {
                out.push_str(cell);
                if j + 1 < line.len()
                    && let Some(width) = widths.get(j)
                {
                    let fill = width.saturating_sub(cell.chars().count());
                    out.extend(std::iter::repeat_n(' ', fill));
                }
            }
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(s: &[&str]) -> Vec<String> {
        s.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn podman_images_layout() {
        let mut t = Table::new(cells(&["REPOSITORY", "TAG", "IMAGE ID", "CREATED", "SIZE"]));
        t.row(cells(&[
            "docker.io/library/alpine",
            "latest",
            "9c6f07244728",
            "2 weeks ago",
            "8.08 MB",
        ]));
        assert_eq!(
            t.render(),
            "REPOSITORY                TAG         IMAGE ID      CREATED      SIZE\n\
             docker.io/library/alpine  latest      9c6f07244728  2 weeks ago  8.08 MB\n"
        );
    }

    #[test]
    fn header_only_and_empty() {
        assert_eq!(Table::new(cells(&["A", "B"])).render(), "A           B\n");
        assert_eq!(Table::new(Vec::new()).render(), "");
    }

    #[test]
    fn single_column_is_not_padded() {
        let mut t = Table::new(cells(&["ID"]));
        t.row(cells(&["abc"]));
        assert_eq!(t.render(), "ID\nabc\n");
    }

    #[test]
    fn width_counts_characters_not_bytes() {
        let mut t = Table::new(Vec::new());
        t.row(cells(&["ééééééééééééé", "x"]));
        t.row(cells(&["a", "y"]));
        assert_eq!(t.render(), "ééééééééééééé  x\na              y\n");
    }

    #[test]
    fn short_line_ends_a_column_block() {
        let mut t = Table::new(Vec::new());
        t.row(cells(&["aaaaaaaaaaaaaaaa", "1"]));
        t.row(cells(&["only"]));
        t.row(cells(&["b", "2"]));
        assert_eq!(t.render(), "aaaaaaaaaaaaaaaa  1\nonly\nb           2\n");
    }

    #[test]
    fn ragged_rows() {
        let mut t = Table::new(Vec::new());
        t.row(cells(&["a", "b", "c"]));
        t.row(cells(&["a", "b"]));
        assert_eq!(t.render(), "a           b           c\na           b\n");
    }
}
