"""Opens nabijheid's layers in QGIS (headless) with the .qml beside each, checks that every
feature gets a symbol and that area layers are labelled, and optionally renders a map to PNG.

    python3 scripts/render_qgis.py OUTPUT_DIR [--png MAP.png] [--layers voorzieningen,buurten]
                                   [--zoom 1.0] [--size 1000]

Prints one line per layer; exits 1 when a style does not load, a feature has no symbol, or an
area layer has no labels. Run through scripts/render-qgis, which finds a Python with QGIS.
"""
import argparse
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import (QgsApplication, QgsVectorLayer, QgsRenderContext, QgsExpressionContextUtils,
                       QgsMapSettings, QgsMapRendererSequentialJob, QgsRuleBasedRenderer, QgsRectangle,
                       QgsCoordinateReferenceSystem, QgsProject)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

AREAS = {"buurten", "wijken", "gemeenten", "verschil"}


def layer_file(folder, base):
    for extension in (".geojson", ".gpkg", ".fgb", ".geojsons"):
        path = os.path.join(folder, base + extension)
        if os.path.exists(path):
            return path
    return None


def activate(rule):
    rule.setActive(True)
    for child in rule.children():
        activate(child)


def check(layer, base):
    """Problems of one styled layer: features without a symbol, missing labels."""
    problems = []
    renderer = layer.renderer().clone()
    if isinstance(renderer, QgsRuleBasedRenderer):
        # Categories switched off in the layer tree still need a symbol when switched on.
        activate(renderer.rootRule())
    context = QgsRenderContext()
    context.expressionContext().appendScopes(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    renderer.startRender(context, layer.fields())
    missing = 0
    for feature in layer.getFeatures():
        context.expressionContext().setFeature(feature)
        if not renderer.symbolsForFeature(feature, context):
            missing += 1
    renderer.stopRender(context)
    if missing:
        problems.append(f"{missing} features without a symbol")
    if base in AREAS and not (layer.labelsEnabled() and layer.labeling() is not None):
        problems.append("no labels")
    aliases = sum(1 for i in range(layer.fields().count()) if layer.attributeAlias(i))
    if aliases == 0 and layer.fields().count() > 0:
        problems.append("no field aliases")
    return problems, aliases


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--png")
    parser.add_argument("--layers", default="voorzieningen,buurten", help="layers to draw, top first")
    parser.add_argument("--zoom", type=float, default=1.0, help="fraction of the buurten extent to show, around its centre")
    parser.add_argument("--size", type=int, default=1000)
    args = parser.parse_args()

    app = QgsApplication([], False)
    app.initQgis()
    failed = False
    layers = {}
    for name in sorted(os.listdir(args.folder)):
        if not name.endswith(".qml"):
            continue
        base = name[:-4]
        path = layer_file(args.folder, base)
        if path is None:
            continue
        layer = QgsVectorLayer(path, base, "ogr")
        if not layer.isValid():
            print(f"{base}: cannot open {path}")
            failed = True
            continue
        message, ok = layer.loadNamedStyle(os.path.join(args.folder, name))
        if not ok:
            print(f"{base}: style not loaded: {message}")
            failed = True
            continue
        problems, aliases = check(layer, base)
        print(f"{base}: {layer.featureCount()} features, renderer {layer.renderer().type()}, "
              f"labels {'on' if layer.labelsEnabled() else 'off'}, {aliases} aliases"
              + (": " + "; ".join(problems) if problems else ": ok"))
        failed = failed or bool(problems)
        layers[base] = layer

    if args.png:
        # Listed top first, as in QGIS's layer panel.
        drawn = [layers[b] for b in args.layers.split(",") if b in layers]
        settings = QgsMapSettings()
        settings.setLayers(drawn)
        settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:28992"))
        settings.setBackgroundColor(QColor(255, 255, 255))
        settings.setFlag(QgsMapSettings.DrawLabeling, True)
        settings.setFlag(QgsMapSettings.Antialiasing, True)
        base = layers.get("buurten") or drawn[0]
        extent = settings.layerExtentToOutputExtent(base, base.extent())
        if args.zoom != 1.0:
            c = extent.center()
            w, h = extent.width() * args.zoom / 2, extent.height() * args.zoom / 2
            extent = QgsRectangle(c.x() - w, c.y() - h, c.x() + w, c.y() + h)
        extent.scale(1.04)
        height = max(200, int(args.size * extent.height() / extent.width()))
        settings.setOutputSize(QSize(args.size, height))
        settings.setExtent(extent)
        job = QgsMapRendererSequentialJob(settings)
        job.start()
        job.waitForFinished()
        job.renderedImage().save(args.png, "PNG")
        print(f"{args.png}: scale 1:{int(settings.scale())}")
    # QgsApplication.exitQgis() crashes in headless QGIS 3.22 after rendering; nothing is left
    # to clean up, so leave without it.
    sys.stdout.flush()
    os._exit(1 if failed else 0)


main()
