//! A contact's photo: the avatar that shows it (or the name's initial), and the form's photo
//! field, where an uploaded picture is cropped to a square in the browser (zoom and position
//! with sliders, which the keyboard moves too) and sent as a small JPEG `data:` URI. The server
//! checks its kind and size again (`domain::contacts::photo`).

use super::use_contacts;
use crate::i18n::Key;
use domain::contacts::ContactInput;
use leptos::prelude::*;

/// The side, in pixels, of the square a photo is cropped to: sharp on the card at twice its
/// shown size, about 20 KB as a JPEG.
#[cfg(feature = "hydrate")]
const SIDE: u32 = 256;

/// The photo when it is an image the card holds; a photo that is a web address is not fetched
/// (it would tell a third party who looks at the card).
fn shown_photo(photo: &str) -> Option<String> {
    photo.starts_with("data:image/").then(|| photo.to_owned())
}

#[component]
pub fn Avatar(name: String, photo: String) -> impl IntoView {
    match shown_photo(&photo) {
        Some(src) => view! { <img class="avatar large photo" src=src alt="" /> }.into_any(),
        None => {
            let initial = name.chars().next().map(|c| c.to_uppercase().to_string());
            view! { <span class="avatar large" aria-hidden="true">{initial}</span> }.into_any()
        }
    }
}

/// Where the crop is: the zoom (100 shows the whole short side) and the square's position
/// along the picture's long side, in percent.
#[derive(Clone, Copy, PartialEq)]
struct Crop {
    zoom: u32,
    x: u32,
    y: u32,
}

impl Crop {
    const START: Crop = Crop {
        zoom: 100,
        x: 50,
        y: 50,
    };

    /// The square of a `width` × `height` picture it keeps: left, top and side.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn square(self, width: f64, height: f64) -> (f64, f64, f64) {
        let side = width.min(height) * 100.0 / f64::from(self.zoom.max(100));
        let at = |room: f64, percent: u32| (room - side).max(0.0) * f64::from(percent) / 100.0;
        (at(width, self.x), at(height, self.y), side)
    }
}

#[component]
pub fn PhotoField(draft: RwSignal<ContactInput>) -> impl IntoView {
    let i18n = use_contacts().i18n;
    let photo = move || draft.with(|d| d.photo.clone());
    let name = move || draft.with(|d| [d.first.clone(), d.last.clone()].join(" "));
    // The picture being cropped, as an object URL of the chosen file.
    let picked = RwSignal::new(None::<String>);
    let crop = RwSignal::new(Crop::START);
    let error = RwSignal::new(None::<String>);
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let image = NodeRef::<leptos::html::Img>::new();
    let file_input = NodeRef::<leptos::html::Input>::new();
    let pick = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let file = file_input
                .get_untracked()
                .and_then(|i| i.files())
                .and_then(|f| f.get(0));
            let Some(file) = file else { return };
            if !file.type_().starts_with("image/") {
                error.set(Some(i18n.t(Key::PhotoNotImage).to_owned()));
                return;
            }
            error.set(None);
            crop.set(Crop::START);
            picked.set(web_sys::Url::create_object_url_with_blob(&file).ok());
        }
    };
    // Draws the kept square into the canvas whenever the crop or the picture changes.
    Effect::new(move |_| {
        let at = crop.get();
        picked.track();
        #[cfg(feature = "hydrate")]
        draw(canvas, image, at);
        #[cfg(not(feature = "hydrate"))]
        let _ = (at, canvas, image);
    });
    let cancel = move |_| picked.set(None);
    let apply = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(uri) = canvas.get_untracked().and_then(|c| {
            c.to_data_url_with_type_and_encoder_options("image/jpeg", &0.9.into())
                .ok()
        }) {
            draft.update(|d| d.photo = uri);
        }
        picked.set(None);
    };
    let slider = move |label: Key,
                       name: &'static str,
                       min: u32,
                       max: u32,
                       get: fn(Crop) -> u32,
                       set: fn(&mut Crop, u32)| {
        view! {
            <label class="field crop-slider">
                <span>{i18n.tt(label)}</span>
                <input type="range" name=name min=min max=max
                    prop:value=move || get(crop.get()).to_string()
                    on:input=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse() { crop.update(|c| set(c, v)) }
                    } />
            </label>
        }
    };
    view! {
        <fieldset class="photo-field">
            <legend>{i18n.tt(Key::Photo)}</legend>
            <div class="row">
                {move || view! { <Avatar name=name() photo=photo() /> }}
                <label class="button photo-upload">
                    {i18n.tt(Key::UploadPhoto)}
                    <input type="file" name="photo" class="visually-hidden" accept="image/jpeg,image/png,image/webp"
                        node_ref=file_input on:change=pick />
                </label>
                <Show when=move || !photo().is_empty()>
                    <button type="button" class="link-button remove-photo"
                        on:click=move |_| draft.update(|d| d.photo.clear())>{i18n.tt(Key::RemovePhoto)}</button>
                </Show>
            </div>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <Show when=move || picked.with(Option::is_some)>
                <div class="photo-crop" role="group" aria-label=i18n.tt(Key::CropPhoto)>
                    <img class="visually-hidden" alt="" node_ref=image src=move || picked.get().unwrap_or_default()
                        on:load=move |_| crop.notify() />
                    <canvas class="crop-preview" width="256" height="256" node_ref=canvas
                        role="img" aria-label=i18n.tt(Key::CropPhoto)></canvas>
                    <div class="crop-controls">
                        {slider(Key::Zoom, "zoom", 100, 400, |c| c.zoom, |c, v| c.zoom = v)}
                        {slider(Key::Horizontal, "crop_x", 0, 100, |c| c.x, |c, v| c.x = v)}
                        {slider(Key::Vertical, "crop_y", 0, 100, |c| c.y, |c, v| c.y = v)}
                        <div class="row">
                            <button type="button" class="button primary use-photo" on:click=apply>{i18n.tt(Key::UsePhoto)}</button>
                            <button type="button" class="button" on:click=cancel>{i18n.tt(Key::Cancel)}</button>
                        </div>
                    </div>
                </div>
            </Show>
        </fieldset>
    }
}

/// Paints the cropped square of the loaded picture onto the preview canvas.
#[cfg(feature = "hydrate")]
fn draw(canvas: NodeRef<leptos::html::Canvas>, image: NodeRef<leptos::html::Img>, crop: Crop) {
    use wasm_bindgen::JsCast;
    let (Some(canvas), Some(image)) = (canvas.get_untracked(), image.get_untracked()) else {
        return;
    };
    if !image.complete() || image.natural_width() == 0 {
        return;
    }
    let Some(ctx) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let (w, h) = (
        f64::from(image.natural_width()),
        f64::from(image.natural_height()),
    );
    let (left, top, side) = crop.square(w, h);
    let out = f64::from(SIDE);
    // JPEG has no transparency: a PNG's clear parts become white, not black.
    ctx.set_fill_style_str("#fff");
    ctx.fill_rect(0.0, 0.0, out, out);
    let _ = ctx.draw_image_with_html_image_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
        &image, left, top, side, side, 0.0, 0.0, out, out,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crop_keeps_a_square_inside_the_picture() {
        // A landscape picture: the whole height, centred.
        assert_eq!(Crop::START.square(400.0, 200.0), (100.0, 0.0, 200.0));
        let zoomed = Crop {
            zoom: 200,
            x: 0,
            y: 100,
        };
        assert_eq!(zoomed.square(400.0, 200.0), (0.0, 100.0, 100.0));
        // A zoom under 100 % is read as 100 %: the square never leaves the picture.
        let wide = Crop {
            zoom: 50,
            x: 100,
            y: 0,
        };
        assert_eq!(wide.square(200.0, 300.0), (0.0, 0.0, 200.0));
    }

    #[test]
    fn only_inline_images_are_shown() {
        assert!(shown_photo("data:image/jpeg;base64,AA==").is_some());
        assert!(shown_photo("https://tracker.example/me.jpg").is_none());
        assert!(shown_photo("").is_none());
    }
}
