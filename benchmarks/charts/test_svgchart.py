"""Tests of svgchart.py: python3 -m unittest discover -s benchmarks/charts (run by run-tests.sh)."""
import os
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree

import svgchart

SVG = "{http://www.w3.org/2000/svg}"


class SvgChartTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.folder.cleanup()

    def write(self, name, text):
        path = os.path.join(self.folder.name, name)
        with open(path, "w", encoding="utf-8") as target:
            target.write(text)
        return path

    def draw(self, *argv):
        output = os.path.join(self.folder.name, "out.svg")
        svgchart.main(list(argv) + ["--output", output])
        return ElementTree.parse(output).getroot()

    def texts(self, root):
        return [element.text for element in root.iter(SVG + "text")]

    def test_linesWhenTimelineWithMarksThenOneLinePerColumnAndLabelledMarks(self):
        data = self.write("t.tsv", "second\t200\t503\tp99_ms\n0\t10\t0\t1.5\n1\t8\t2\t2.5\n2\t10\t-\t1.0\n")
        root = self.draw("lines", "--input", data, "--title", "outage", "--mark", "1:fault starts",
                         "--y2-columns", "p99_ms")
        polylines = list(root.iter(SVG + "polyline"))
        self.assertEqual(3, len(polylines))  # 200, 503 (its gap at second 2 cuts the line) and p99_ms
        self.assertEqual(2, len(polylines[1].get("points").split()))
        self.assertEqual("6,3", polylines[2].get("stroke-dasharray"))  # the right-hand axis series is dashed
        self.assertIn("fault starts", self.texts(root))
        self.assertIn("outage", self.texts(root))

    def test_linesWhenColumnsNamedThenOnlyThoseDrawn(self):
        data = self.write("t.tsv", "minute\theap_mb\tthreads\n1\t100\t80\n2\t101\t81\n")
        root = self.draw("lines", "--input", data, "--columns", "threads")
        self.assertEqual(1, len(list(root.iter(SVG + "polyline"))))
        self.assertNotIn("heap_mb", self.texts(root))

    def test_barsWhenTwoServersThenOneBarPerServerAndScenario(self):
        data = self.write("b.tsv", "scenario\tJWT Guard\tLiberty\nA\t18846\t21956\nB\t11846\t11522\n")
        root = self.draw("bars", "--input", data)
        bars = [rect for rect in root.iter(SVG + "rect") if rect.find(SVG + "title") is not None]
        self.assertEqual(4, len(bars))
        heights = {rect.find(SVG + "title").text: float(rect.get("height")) for rect in bars}
        self.assertGreater(heights["Liberty: 21956"], heights["JWT Guard: 18846"])
        self.assertIn("21,956", self.texts(root))

    def test_whenColumnMissingThenExitsNamingIt(self):
        data = self.write("t.tsv", "second\trps\n0\t1\n")
        with self.assertRaises(SystemExit) as exit_:
            self.draw("lines", "--input", data, "--columns", "p99")
        self.assertIn("no column 'p99'", str(exit_.exception.code))


if __name__ == "__main__":
    unittest.main()
