// Node shapes as SVG markup, for the legend and the SVG export. Polygons are
// given in a unit square ([-1, 1] on both axes), as Cytoscape draws them.
import type { NodeShape } from './nodeStyles.ts';

function regularPolygon(sides: number): number[] {
  const points: number[] = [];
  for (let i = 0; i < sides; i++) {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / sides;
    points.push(Math.cos(angle), Math.sin(angle));
  }
  return fitToSquare(points);
}

function fitToSquare(points: number[]): number[] {
  const xs = points.filter((_, i) => i % 2 === 0);
  const ys = points.filter((_, i) => i % 2 === 1);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  return points.map((v, i) => (i % 2 === 0 ? ((v - minX) / (maxX - minX)) * 2 - 1 : ((v - minY) / (maxY - minY)) * 2 - 1));
}

function star(): number[] {
  const points: number[] = [];
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? 1 : 0.4;
    const angle = -Math.PI / 2 + (Math.PI * i) / 5;
    points.push(radius * Math.cos(angle), radius * Math.sin(angle));
  }
  return fitToSquare(points);
}

const POLYGONS: Partial<Record<NodeShape, number[]>> = {
  rectangle: [-1, -1, 1, -1, 1, 1, -1, 1],
  triangle: regularPolygon(3),
  diamond: [0, -1, 1, 0, 0, 1, -1, 0],
  pentagon: regularPolygon(5),
  hexagon: [-1, 0, -0.5, -1, 0.5, -1, 1, 0, 0.5, 1, -0.5, 1],
  octagon: regularPolygon(8),
  star: star(),
  tag: [-1, -1, 0.25, -1, 1, 0, 0.25, 1, -1, 1],
  vee: [-1, -1, 0, -0.333, 1, -1, 0, 1],
};

const round = (n: number) => Math.round(n * 100) / 100;

/** The SVG element drawing `shape` centred on (x, y), `w` × `h`, with the given presentation attributes. */
export function shapeMarkup(shape: NodeShape, x: number, y: number, w: number, h: number, attributes: string): string {
  if (shape === 'ellipse') return `<ellipse cx="${round(x)}" cy="${round(y)}" rx="${round(w / 2)}" ry="${round(h / 2)}" ${attributes}/>`;
  if (shape === 'round-rectangle') {
    const r = round(Math.min(w, h) / 4);
    return `<rect x="${round(x - w / 2)}" y="${round(y - h / 2)}" width="${round(w)}" height="${round(h)}" rx="${r}" ${attributes}/>`;
  }
  const unit = POLYGONS[shape] ?? POLYGONS.rectangle!;
  const points: string[] = [];
  for (let i = 0; i < unit.length; i += 2) points.push(`${round(x + (unit[i] * w) / 2)},${round(y + (unit[i + 1] * h) / 2)}`);
  return `<polygon points="${points.join(' ')}" ${attributes}/>`;
}
